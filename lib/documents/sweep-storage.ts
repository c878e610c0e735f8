import "server-only";
import { db } from "@/lib/db/client";
import { listObjectKeys } from "@/lib/storage/list-objects";
import { deleteObject } from "@/lib/storage/object-storage";

/** Where openUpload puts every document's object: `documents/<ownerId>/<uuid>`. */
export const DOCUMENTS_KEY_PREFIX = "documents/";

export const STALE_UPLOAD_REASON = "Upload did not finish";

export interface SweepOptions {
  now?: Date;
  /** An UPLOADING row older than this is abandoned (the upload id itself expires after 15 minutes). */
  staleAfterMs?: number;
  /** Keys per ListObjectsV2 page, and so per database lookup. */
  listLimit?: number;
  /** Sweeps only keys under this prefix (one owner's, in tests); must lie under DOCUMENTS_KEY_PREFIX. */
  prefix?: string;
}

export interface SweepReport {
  /** Stale UPLOADING rows marked FAILED. */
  expiredUploads: number;
  objectsExamined: number;
  /** Objects without a STORED row (FAILED or DELETED rows, or no row at all) that were removed. */
  orphansDeleted: number;
}

/**
 * The storage sweeper (run by the worker): first expires stale UPLOADING rows, then removes every object
 * under the documents prefix that no STORED row claims. An object whose row is still UPLOADING (and so
 * fresh, after the first step) is an upload in progress and stays. A row always exists before its object
 * is written and a row only leaves UPLOADING or STORED for FAILED or DELETED, so an object judged an
 * orphan here cannot become wanted again.
 */
export async function sweepStorage(options: SweepOptions = {}): Promise<SweepReport> {
  const now = options.now ?? new Date();
  const staleAfterMs = options.staleAfterMs ?? 60 * 60_000;
  const listLimit = options.listLimit ?? 1000;
  const prefix = options.prefix ?? DOCUMENTS_KEY_PREFIX;
  if (!prefix.startsWith(DOCUMENTS_KEY_PREFIX)) throw new Error(`sweepStorage: prefix must lie under ${DOCUMENTS_KEY_PREFIX}`);

  const expired = await db().document.updateMany({
    where: { state: "UPLOADING", createdAt: { lt: new Date(now.getTime() - staleAfterMs) } },
    data: { state: "FAILED", failureReason: STALE_UPLOAD_REASON },
  });

  let objectsExamined = 0;
  let orphansDeleted = 0;
  let batch: string[] = [];
  const sweepBatch = async (keys: string[]) => {
    const rows = await db().document.findMany({ where: { storageKey: { in: keys }, state: { in: ["STORED", "UPLOADING"] } }, select: { storageKey: true } });
    const wanted = new Set(rows.map((row) => row.storageKey));
    for (const key of keys) {
      if (wanted.has(key)) continue;
      await deleteObject(key);
      orphansDeleted += 1;
    }
  };
  for await (const key of listObjectKeys(prefix, listLimit)) {
    objectsExamined += 1;
    batch.push(key);
    if (batch.length >= listLimit) {
      await sweepBatch(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await sweepBatch(batch);
  return { expiredUploads: expired.count, objectsExamined, orphansDeleted };
}
