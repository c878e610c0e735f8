import "server-only";
import { db } from "@/lib/db/client";
import { unwrapDataKey, wrapDataKey } from "@/lib/storage/envelope-encryption";

export interface MasterKeyRotationReport {
  examined: number;
  rewrapped: number;
  /** Already wrapped by the new key: a previous (interrupted) run or a document opened since got there first. */
  alreadyCurrent: number;
  /** Documents whose data key opens with neither key: ids only, for the operator to investigate. */
  unreadable: string[];
}

function opensWith(wrapped: string, key: Buffer): Buffer | null {
  try {
    return unwrapDataKey(wrapped, key);
  } catch {
    return null;
  }
}

/**
 * Re-wraps every document's data key from the previous master key to the new one; the objects in
 * storage are untouched (envelope encryption). Safe to run while the app serves, to interrupt and to
 * run again: keys already under the new key are skipped, and each update only applies if the row
 * still holds the wrapped key that was read (compare-and-set), so a concurrent write is never undone.
 * The app reads with either key meanwhile (document-data-key.ts), and wraps new uploads with the new one.
 */
export async function rotateMasterKey(options: { from: Buffer; to: Buffer; batchSize?: number; onBatch?: (report: MasterKeyRotationReport) => void }): Promise<MasterKeyRotationReport> {
  const report: MasterKeyRotationReport = { examined: 0, rewrapped: 0, alreadyCurrent: 0, unreadable: [] };
  let after: string | undefined;
  for (;;) {
    const batch = await db().document.findMany({
      // A deleted document's wrapped key is erased (crypto-shredding): nothing to re-wrap.
      where: { wrappedKey: { not: "" }, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: options.batchSize ?? 500,
      select: { id: true, wrappedKey: true },
    });
    if (batch.length === 0) return report;
    for (const document of batch) {
      report.examined += 1;
      if (opensWith(document.wrappedKey, options.to)) {
        report.alreadyCurrent += 1;
        continue;
      }
      const dataKey = opensWith(document.wrappedKey, options.from);
      if (!dataKey) {
        report.unreadable.push(document.id);
        continue;
      }
      const updated = await db().document.updateMany({ where: { id: document.id, wrappedKey: document.wrappedKey }, data: { wrappedKey: wrapDataKey(dataKey, options.to) } });
      if (updated.count === 1) report.rewrapped += 1;
      else report.alreadyCurrent += 1;
    }
    after = batch.at(-1)!.id;
    options.onBatch?.(report);
  }
}
