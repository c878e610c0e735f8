import "server-only";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { dropPendingReminders, queueAppointmentMail } from "@/lib/mail/appointment-mail";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fieldErrorsOf } from "@/lib/accounts/schemas";
import { fail, ok, type Result } from "@/lib/result";
import { appointmentInclude, toAppointmentDto, type AppointmentDto } from "./dtos";
import { cancelAppointmentSchema } from "./schemas";

/**
 * Cut-off rules: a patient may cancel up to 1 hour before the start; after that the clinic must be
 * called. A doctor may cancel at any time before the end, but must give the patient a reason.
 */
export const PATIENT_CANCEL_CUTOFF_MINUTES = 60;

export async function cancelAppointment(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<AppointmentDto>> {
  const parsed = cancelAppointmentSchema.safeParse(input);
  if (!parsed.success) {
    if (!actor) return fail("UNAUTHENTICATED", "Please sign in to continue.");
    return fail("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  }
  const { appointmentId, reason } = parsed.data;
  const existing = await db().appointment.findUnique({ where: { id: appointmentId }, select: { patientId: true, doctorId: true, startsAt: true, endsAt: true, status: true } });
  const allowed = await authorize(actor, "appointment.cancel", { ownerId: existing?.patientId ?? "none", doctorId: existing?.doctorId ?? "none", type: "appointment", id: appointmentId }, context);
  if (!allowed.ok) return allowed;
  if (!existing) return fail("NOT_FOUND", "Not found.");

  const byDoctor = allowed.actor.id === existing.doctorId;
  if (existing.status !== "BOOKED") return fail("CONFLICT", "This appointment is no longer booked.");
  const now = Date.now();
  if (byDoctor) {
    if (reason.length < 3) return fail("VALIDATION", "Tell the patient why the visit is cancelled.", { reason: ["Tell the patient why the visit is cancelled."] });
    if (existing.endsAt.getTime() <= now) return fail("CUTOFF", "This visit is over: mark it completed or no-show instead.");
  } else if (existing.startsAt.getTime() - now < PATIENT_CANCEL_CUTOFF_MINUTES * 60_000) {
    return fail("CUTOFF", `Appointments can be cancelled online up to ${PATIENT_CANCEL_CUTOFF_MINUTES} minutes before they start. Please call the clinic.`);
  }

  const updated = await db().$transaction(async (tx) => {
    const changed = await tx.appointment.updateMany({
      where: { id: appointmentId, status: "BOOKED" },
      data: { status: "CANCELLED", cancelledById: allowed.actor.id, cancelledAt: new Date(), cancellationReason: reason || null },
    });
    if (changed.count === 0) return null;
    await tx.notification.create({ data: { userId: byDoctor ? existing.patientId : existing.doctorId, kind: "appointment.cancelled", appointmentId } });
    await queueAppointmentMail(tx, "appointment.cancelled", appointmentId, [byDoctor ? "patient" : "doctor"]);
    await dropPendingReminders(tx, appointmentId);
    await recordAuditEvent({ actorId: allowed.actor.id, actorRole: allowed.actor.role, action: "appointment.cancel", subjectType: "appointment", subjectId: appointmentId, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent }, tx);
    return tx.appointment.findUniqueOrThrow({ where: { id: appointmentId }, include: appointmentInclude });
  });
  if (!updated) return fail("CONFLICT", "This appointment is no longer booked.");
  return ok(toAppointmentDto(updated));
}
