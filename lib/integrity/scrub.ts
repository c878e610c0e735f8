import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { queueMail } from "@/lib/mail/outbox";
import { integrityProblem } from "./check-document";

export interface ScrubOptions {
  /** Documents re-hashed per run: the rate limit on storage reads. */
  limit?: number;
  /** Only these documents (tests). */
  documentIds?: string[];
  now?: Date;
}

/**
 * Worker task: re-hashes the stored objects checked least recently (a few per run) and compares them
 * with Postgres and the chain. A mismatch marks the document "integrity failed" for its owner, writes an
 * audit event and alerts every administrator; a document that checks out again is cleared.
 */
export async function scrubDocuments(options: ScrubOptions = {}): Promise<{ checked: number; failed: number }> {
  const now = options.now ?? new Date();
  const documents = await db().document.findMany({
    where: { state: "STORED", ...(options.documentIds ? { id: { in: options.documentIds } } : {}) },
    orderBy: [{ scrubbedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take: options.limit ?? 20,
    select: { id: true, storageKey: true, wrappedKey: true, sha256: true, integrityFailedAt: true },
  });
  let failed = 0;
  for (const document of documents) {
    const anchor = await db().anchor.findFirst({ where: { kind: "DOCUMENT", action: "RECORD", subjectId: document.id }, select: { state: true, anchorId: true, salt: true, commitment: true, batchRoot: true, proof: true } });
    const problem = await integrityProblem({ ...document, anchor });
    if (!problem) {
      await db().document.update({ where: { id: document.id }, data: { scrubbedAt: now, integrityFailedAt: null, integrityProblem: null } });
      continue;
    }
    failed += 1;
    const firstTime = !document.integrityFailedAt;
    await db().$transaction(async (tx) => {
      await tx.document.update({ where: { id: document.id }, data: { scrubbedAt: now, integrityFailedAt: document.integrityFailedAt ?? now, integrityProblem: problem } });
      if (!firstTime) return;
      await recordAuditEvent({ action: "integrity.mismatch", subjectType: "document", subjectId: document.id, outcome: "DENY", details: { problem } }, tx);
      const admins = await tx.user.findMany({ where: { role: "ADMIN", status: "ACTIVE" }, select: { id: true } });
      if (admins.length) await tx.notification.createMany({ data: admins.map((admin) => ({ userId: admin.id, kind: "integrity.alert" })) });
      // Keyed by the failure time: a document that checks out again and later fails once more alerts again.
      await queueMail(tx, admins.map((admin) => ({ template: "integrity.alert", userId: admin.id, subjectId: `${document.id}:${now.getTime()}`, data: { documentId: document.id } })));
    });
  }
  return { checked: documents.length, failed };
}
