import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { dropPendingReminders, queueAppointmentMail } from "@/lib/mail/appointment-mail";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fieldErrorsOf } from "@/lib/accounts/schemas";
import { fail, ok, type Result } from "@/lib/result";
import { bookedOverlap, findBookableDoctor, findBusyRanges, insertUnlessTaken } from "./appointment-repository";
import { PATIENT_CANCEL_CUTOFF_MINUTES } from "./cancel-appointment";
import { appointmentInclude, toAppointmentDto, type AppointmentDto } from "./dtos";
import { overlapFailure } from "./overlap-failure";
import { rescheduleAppointmentSchema } from "./schemas";
import { slotProblem } from "./slot-check";

/**
 * Moves a patient's appointment to another free slot of the same doctor, atomically: in one transaction
 * the old one is released (CANCELLED, linked) and the new one booked. If the new slot is taken meanwhile,
 * the exclusion constraint keeps the new one out, the transaction is rolled back and the old appointment
 * stays exactly as it was.
 */
export async function rescheduleAppointment(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<AppointmentDto>> {
  const parsed = rescheduleAppointmentSchema.safeParse(input);
  if (!parsed.success) {
    if (!actor) return fail("UNAUTHENTICATED", "Please sign in to continue.");
    return fail("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  }
  const { appointmentId, startsAt, endsAt } = parsed.data;
  const existing = await db().appointment.findUnique({ where: { id: appointmentId } });
  const allowed = await authorize(actor, "appointment.reschedule", { ownerId: existing?.patientId ?? "none", type: "appointment", id: appointmentId }, context);
  if (!allowed.ok) return allowed;
  if (!existing) return fail("NOT_FOUND", "Not found.");
  if (existing.status !== "BOOKED") return fail("CONFLICT", "Only booked appointments can be moved.");
  if (existing.startsAt.getTime() - Date.now() < PATIENT_CANCEL_CUTOFF_MINUTES * 60_000) {
    return fail("CUTOFF", `Appointments can be moved online up to ${PATIENT_CANCEL_CUTOFF_MINUTES} minutes before they start. Please call the clinic.`);
  }

  const doctor = await findBookableDoctor(existing.doctorId);
  if (!doctor) return fail("NOT_FOUND", "This doctor is not available for booking.");
  const busy = await findBusyRanges(existing.doctorId, new Date(startsAt.getTime() - 86_400_000), new Date(endsAt.getTime() + 86_400_000), existing.id);
  const problem = slotProblem(doctor, { startsAt, endsAt }, busy);
  if (problem) return { ok: false, error: problem };

  const id = randomUUID();
  const moved = await db()
    .$transaction(async (tx) => {
      const released = await tx.appointment.updateMany({
        where: { id: existing.id, status: "BOOKED" },
        data: { status: "CANCELLED", cancelledById: existing.patientId, cancelledAt: new Date(), cancellationReason: "Rescheduled" },
      });
      if (released.count === 0) return "NOT_BOOKED" as const;
      const booked = { id, doctorId: existing.doctorId, patientId: existing.patientId, startsAt, endsAt, reason: existing.reason, idempotencyKey: randomUUID(), rescheduledFromId: existing.id };
      // Throwing rolls the release back: the old appointment stays exactly as it was.
      if (!(await insertUnlessTaken(tx, booked))) throw new SlotLost();
      await tx.notification.create({ data: { userId: existing.doctorId, kind: "appointment.rescheduled", appointmentId: id } });
      await queueAppointmentMail(tx, "appointment.rescheduled", id, ["patient", "doctor"]);
      await dropPendingReminders(tx, existing.id);
      await recordAuditEvent(
        { actorId: allowed.actor.id, actorRole: "PATIENT", action: "appointment.reschedule", subjectType: "appointment", subjectId: id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent, details: { from: existing.id } },
        tx,
      );
      return "MOVED" as const;
    })
    .catch((error: unknown) => {
      if (error instanceof SlotLost) return "SLOT_LOST" as const;
      throw error;
    });
  if (moved === "NOT_BOOKED") return fail("CONFLICT", "This appointment is no longer booked.");
  if (moved === "SLOT_LOST") return overlapFailure(await bookedOverlap(existing.doctorId, existing.patientId, { startsAt, endsAt }, existing.id));
  return ok(toAppointmentDto(await db().appointment.findUniqueOrThrow({ where: { id }, include: appointmentInclude })));
}

/** Aborts the move's transaction when the new time was taken meanwhile. */
class SlotLost extends Error {}
