import "server-only";
import { db } from "@/lib/db/client";
import { auditEventHash, GENESIS_HASH } from "./audit-hash";

export type AuditChainVerdict = { intact: true; checked: number } | { intact: false; checked: number; brokenAtId: string; reason: string };

/** Recomputes every row's hash in order; the first row whose content or link does not match is reported. */
export async function verifyAuditChain(batchSize = 1_000): Promise<AuditChainVerdict> {
  let previousHash = GENESIS_HASH;
  let afterId = BigInt(0);
  let checked = 0;
  for (;;) {
    const rows = await db().auditEvent.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" }, take: batchSize });
    if (rows.length === 0) return { intact: true, checked };
    for (const row of rows) {
      if (row.prevHash !== previousHash) return { intact: false, checked, brokenAtId: row.id.toString(), reason: "link to the previous row does not match" };
      const expected = auditEventHash({ ...row, details: row.details });
      if (row.hash !== expected) return { intact: false, checked, brokenAtId: row.id.toString(), reason: "row content does not match its hash" };
      previousHash = row.hash;
      checked += 1;
    }
    afterId = rows[rows.length - 1]!.id;
  }
}
