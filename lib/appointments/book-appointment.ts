import "server-only";
import { db } from "@/lib/db/client";
import { constraintViolation } from "@/lib/db/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fieldErrorsOf } from "@/lib/accounts/schemas";
import { fail, ok, type Result } from "@/lib/result";
import { findBookableDoctor, findBusyRanges } from "./appointment-repository";
import { appointmentInclude, toAppointmentDto, type AppointmentDto } from "./dtos";
import { overlapFailure } from "./overlap-failure";
import { bookAppointmentSchema } from "./schemas";
import { slotProblem } from "./slot-check";

/**
 * A patient books one of a verified doctor's free slots. Everything is re-checked on the server; the
 * exclusion constraints make a double booking impossible even when two requests pass the checks at
 * once (the loser gets SLOT_TAKEN). The idempotency key makes a retried submit return the first result.
 */
export async function bookAppointment(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<AppointmentDto>> {
  const allowed = await authorize(actor, "appointment.book", { type: "appointment" }, context);
  if (!allowed.ok) return allowed;
  const parsed = bookAppointmentSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const { doctorId, startsAt, endsAt, reason, idempotencyKey } = parsed.data;
  const patientId = allowed.actor.id;

  const previous = await findByIdempotencyKey(patientId, idempotencyKey);
  if (previous) return ok(previous);

  const doctor = await findBookableDoctor(doctorId);
  if (!doctor) return fail("NOT_FOUND", "This doctor is not available for booking.");
  const busy = await findBusyRanges(doctorId, new Date(startsAt.getTime() - 86_400_000), new Date(endsAt.getTime() + 86_400_000));
  const problem = slotProblem(doctor, { startsAt, endsAt }, busy);
  if (problem) return { ok: false, error: problem };

  try {
    const appointment = await db().$transaction(async (tx) => {
      const created = await tx.appointment.create({ data: { doctorId, patientId, startsAt, endsAt, reason, idempotencyKey }, include: appointmentInclude });
      await tx.doctorPatient.upsert({ where: { doctorId_patientId: { doctorId, patientId } }, create: { doctorId, patientId }, update: {} });
      await tx.notification.create({ data: { userId: doctorId, kind: "appointment.booked", appointmentId: created.id } });
      await recordAuditEvent({ actorId: patientId, actorRole: "PATIENT", action: "appointment.book", subjectType: "appointment", subjectId: created.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent }, tx);
      return created;
    });
    return ok(toAppointmentDto(appointment));
  } catch (error) {
    if (constraintViolation(error) === "UNIQUE") {
      // The same submit raced itself (double click): answer with the booking the other request made.
      const winner = await findByIdempotencyKey(patientId, idempotencyKey);
      if (winner) return ok(winner);
    }
    const overlap = overlapFailure(error);
    if (overlap) return overlap;
    throw error;
  }
}

async function findByIdempotencyKey(patientId: string, idempotencyKey: string): Promise<AppointmentDto | null> {
  const row = await db().appointment.findUnique({ where: { patientId_idempotencyKey: { patientId, idempotencyKey } }, include: appointmentInclude });
  return row ? toAppointmentDto(row) : null;
}
