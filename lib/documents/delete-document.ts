import "server-only";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { fail, ok, type Result } from "@/lib/result";
import { isUuid } from "@/lib/uuid";
import { tryRemoveObject } from "./remove-dropped-objects";

/**
 * A patient deletes one of their stored documents: soft delete plus crypto-shredding. The row stays
 * (state DELETED) for the audit trail and the chain anchor, which also stays; the wrapped data key is
 * erased in the same transaction, so the ciphertext can never be decrypted again even if a copy of the
 * object survives. The object itself is then removed at once, or by the worker's removeDroppedObjects
 * when storage is down.
 * Anyone but the owner, and any id that is not a stored document, gets NOT_FOUND.
 */
export async function deleteDocument(actor: Actor | null, input: { documentId: string }, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<{ documentId: string }>> {
  const documentId = isUuid(input.documentId) ? input.documentId : undefined;
  const document = documentId ? await db().document.findFirst({ where: { id: documentId, state: "STORED" }, select: { id: true, ownerId: true, storageKey: true } }) : null;
  const auth = await authorize(actor, "document.delete", { ownerId: document?.ownerId, type: "document", id: documentId }, context);
  if (!auth.ok) return auth;
  if (!document) return fail("NOT_FOUND", "Not found.");

  const deleted = await db().$transaction(async (tx) => {
    const moved = await tx.document.updateMany({ where: { id: document.id, state: "STORED" }, data: { state: "DELETED", wrappedKey: "" } });
    if (moved.count !== 1) return false;
    await recordAuditEvent(
      { actorId: auth.actor.id, actorRole: auth.actor.role, action: "document.delete", subjectType: "document", subjectId: document.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent },
      tx,
    );
    return true;
  });
  // A concurrent delete won the race.
  if (!deleted) return fail("NOT_FOUND", "Not found.");
  if (await tryRemoveObject(document.storageKey)) await db().document.update({ where: { id: document.id }, data: { objectRemovedAt: new Date() } });
  return ok({ documentId: document.id });
}
