import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";

const markOutcomeSchema = z.object({ appointmentId: z.uuid(), outcome: z.enum(["COMPLETED", "NO_SHOW"]) });

/** The doctor records how a visit went, once it has started. */
export async function markAppointmentOutcome(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<null>> {
  const parsed = markOutcomeSchema.safeParse(input);
  const existing = parsed.success ? await db().appointment.findUnique({ where: { id: parsed.data.appointmentId }, select: { doctorId: true, startsAt: true, status: true } }) : null;
  const allowed = await authorize(actor, "appointment.mark_outcome", { doctorId: existing?.doctorId ?? "none", type: "appointment", id: parsed.success ? parsed.data.appointmentId : undefined }, context);
  if (!allowed.ok) return allowed;
  if (!parsed.success || !existing) return fail("NOT_FOUND", "Not found.");
  if (existing.startsAt.getTime() > Date.now()) return fail("CONFLICT", "A visit can be marked only once it has started.");
  const changed = await db().$transaction(async (tx) => {
    const updated = await tx.appointment.updateMany({ where: { id: parsed.data.appointmentId, status: "BOOKED" }, data: { status: parsed.data.outcome } });
    if (updated.count === 1) {
      await recordAuditEvent({ actorId: allowed.actor.id, actorRole: "DOCTOR", action: `appointment.mark_${parsed.data.outcome.toLowerCase()}`, subjectType: "appointment", subjectId: parsed.data.appointmentId, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent }, tx);
    }
    return updated.count;
  });
  return changed === 1 ? ok(null) : fail("CONFLICT", "This appointment is no longer booked.");
}
