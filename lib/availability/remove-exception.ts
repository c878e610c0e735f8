import "server-only";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { deleteException, findExceptionOwner } from "./availability-repository";
import { authorizeOwnSchedule } from "./own-schedule";
import { exceptionIdSchema } from "./schemas";

const notFound = () => fail("NOT_FOUND", "This exception no longer exists.");

/**
 * Removes one of the doctor's own date exceptions. Another doctor's id reads as not found (and is
 * recorded as a denial), the same as an id that never existed, so ids cannot be probed.
 */
export async function removeException(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<{ exceptionId: string }>> {
  const allowed = await authorizeOwnSchedule(actor, context);
  if (!allowed.ok) return allowed;
  const parsed = exceptionIdSchema.safeParse(input);
  if (!parsed.success) return notFound();
  const { exceptionId } = parsed.data;
  const owner = await findExceptionOwner(exceptionId);
  if (!owner) return notFound();
  const own = await authorize(allowed.actor, "availability.remove_exception", { ownerId: owner.doctorId, type: "availability_exception", id: exceptionId }, context);
  if (!own.ok) return notFound();

  const doctorId = allowed.actor.id;
  const removed = await db().$transaction(async (tx) => {
    if (!(await deleteException(tx, doctorId, exceptionId))) return false;
    await recordAuditEvent(
      {
        actorId: doctorId,
        actorRole: allowed.actor.role,
        action: "availability.exception.remove",
        subjectType: "availability_exception",
        subjectId: exceptionId,
        outcome: "ALLOW",
        ip: context.ip,
        userAgent: context.userAgent,
        details: { kind: owner.kind, date: owner.date },
      },
      tx,
    );
    return true;
  });
  return removed ? ok({ exceptionId }) : notFound();
}
