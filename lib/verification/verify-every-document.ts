import "server-only";
import { chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { db } from "@/lib/db/client";
import { hashStoredObject } from "@/lib/documents/stored-object-hash";
import { receiptFromRecords } from "./receipt";
import { verifyReceipt } from "./verify-receipt";
import { viemAnchorReader } from "./viem-reader";

export interface EveryDocumentVerification {
  documents: number;
  /** Every step passed: the object decrypts to the recorded fingerprint and the chain holds its commitment. */
  verified: number;
  /** Not anchored yet (PENDING or SENT): only the stored object and fingerprint could be checked. */
  pending: number;
  failed: { documentId: string; step: string; explanation: string }[];
}

const PAGE = 200;
const PARALLEL = 8;

/**
 * An operator's check of the whole store, after a restore: every STORED document re-read from storage,
 * decrypted and hashed, then put through the same receipt verification a patient runs (fingerprint,
 * commitment, chain, anchoring time) from the records. Not a user action: no actor, nothing audited, and
 * the result holds ids only.
 */
export async function verifyEveryStoredDocument(): Promise<EveryDocumentVerification> {
  const result: EveryDocumentVerification = { documents: 0, verified: 0, pending: 0, failed: [] };
  const reader = viemAnchorReader(chainPublicClient(), contractAddress());
  let after: string | undefined;
  for (;;) {
    const page = await db().document.findMany({
      where: { state: "STORED", ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, ownerId: true, title: true, sha256: true, storageKey: true, wrappedKey: true },
    });
    if (page.length === 0) return result;
    after = page.at(-1)!.id;
    const anchors = await db().anchor.findMany({
      where: { kind: "DOCUMENT", action: "RECORD", subjectId: { in: page.map((d) => d.id) } },
      select: { subjectId: true, state: true, anchorId: true, salt: true, commitment: true, txHash: true, blockNumber: true, blockTime: true, batchRoot: true, proof: true },
    });
    const anchorOf = new Map(anchors.map((a) => [a.subjectId, a]));
    for (let i = 0; i < page.length; i += PARALLEL) {
      await Promise.all(
        page.slice(i, i + PARALLEL).map(async (document) => {
          result.documents += 1;
          const fail = (step: string, explanation: string) => result.failed.push({ documentId: document.id, step, explanation });
          const stored = await hashStoredObject(document.storageKey, document.wrappedKey);
          if ("problem" in stored) return fail("storage", stored.problem);
          const anchor = anchorOf.get(document.id) ?? null;
          const receipt = receiptFromRecords(document, anchor);
          if (!receipt) {
            if (anchor?.state === "CONFIRMED") return fail("commitment", "The anchoring data recorded for this document is malformed.");
            if (stored.sha256 !== document.sha256) return fail("fingerprint", "The stored file's SHA-256 differs from the fingerprint recorded for it.");
            result.pending += 1;
            return;
          }
          const report = await verifyReceipt(stored.sha256, receipt, reader, { source: "records" });
          if (report.verified) result.verified += 1;
          else fail(report.firstProblem!.id, report.firstProblem!.explanation);
        }),
      );
    }
  }
}
