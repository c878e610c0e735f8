import "server-only";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { queueGrantMail } from "@/lib/mail/grant-mail";
import { db } from "@/lib/db/client";
import { fail, ok, type Result } from "@/lib/result";
import { endGrantAnchor } from "./grant-anchor";
import { grantIdSchema } from "./schemas";

/**
 * The patient ends an active grant at once: the doctor's next request is refused, and a REVOKE anchor
 * row is written in the same transaction. Revoking an ended grant is a CONFLICT; anyone else's, NOT_FOUND.
 */
export async function revokeGrant(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<{ grantId: string }>> {
  const parsed = grantIdSchema.safeParse(input);
  const grant = parsed.success ? await db().accessGrant.findUnique({ where: { id: parsed.data.grantId }, select: { id: true, patientId: true, doctorId: true, state: true } }) : null;
  const auth = await authorize(actor, "grant.revoke", { ownerId: grant?.patientId, type: "grant", id: parsed.success ? parsed.data.grantId : undefined }, context);
  if (!auth.ok) return auth;
  if (!grant) return fail("NOT_FOUND", "Not found.");
  const now = new Date();
  const revoked = await db().$transaction(async (tx) => {
    const moved = await tx.accessGrant.updateMany({ where: { id: grant.id, state: "ACTIVE" }, data: { state: "REVOKED", endedAt: now, endedById: auth.actor.id } });
    if (moved.count !== 1) return false;
    await endGrantAnchor(tx, grant.id, "REVOKE");
    await tx.notification.create({ data: { userId: grant.doctorId, kind: "grant.revoked", grantId: grant.id } });
    await queueGrantMail(tx, "access.revoked", grant);
    await recordAuditEvent({ actorId: auth.actor.id, actorRole: auth.actor.role, action: "grant.revoke", subjectType: "grant", subjectId: grant.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent }, tx);
    return true;
  });
  return revoked ? ok({ grantId: grant.id }) : fail("CONFLICT", "This access has already ended.");
}
