import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { queueAppointmentMail } from "@/lib/mail/appointment-mail";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fieldErrorsOf } from "@/lib/accounts/schemas";
import { countBooking } from "@/lib/observability/metrics";
import { fail, ok, type Result } from "@/lib/result";
import { bookedOverlap, findBookableDoctor, findBusyRanges, insertUnlessTaken } from "./appointment-repository";
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
  const result = allowed.ok ? await book(allowed.actor.id, input, context) : allowed;
  countBooking(result.ok ? "booked" : result.error.code);
  return result;
}

async function book(patientId: string, input: unknown, context: RequestContext): Promise<Result<AppointmentDto>> {
  const parsed = bookAppointmentSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const { doctorId, startsAt, endsAt, reason, idempotencyKey } = parsed.data;

  const previous = await findByIdempotencyKey(patientId, idempotencyKey);
  if (previous) return ok(previous);

  const doctor = await findBookableDoctor(doctorId);
  if (!doctor) return fail("NOT_FOUND", "This doctor is not available for booking.");
  const busy = await findBusyRanges(doctorId, new Date(startsAt.getTime() - 86_400_000), new Date(endsAt.getTime() + 86_400_000));
  const problem = slotProblem(doctor, { startsAt, endsAt }, busy);
  if (problem) {
    // A concurrent copy of this very submit may have been stored since we looked: the slot it holds is
    // then "taken" by this request itself, whose answer must be that booking.
    const stored = problem.code === "SLOT_TAKEN" ? await findByIdempotencyKey(patientId, idempotencyKey) : null;
    return stored ? ok(stored) : { ok: false, error: problem };
  }

  const id = randomUUID();
  const inserted = await db().$transaction(async (tx) => {
    if (!(await insertUnlessTaken(tx, { id, doctorId, patientId, startsAt, endsAt, reason, idempotencyKey }))) return false;
    // One INSERT … ON CONFLICT DO NOTHING: an upsert costs three statements, all while holding the new row.
    await tx.doctorPatient.createMany({ data: [{ doctorId, patientId }], skipDuplicates: true });
    await tx.notification.create({ data: { userId: doctorId, kind: "appointment.booked", appointmentId: id } });
    await queueAppointmentMail(tx, "appointment.booked", id, ["patient", "doctor"]);
    await recordAuditEvent({ actorId: patientId, actorRole: "PATIENT", action: "appointment.book", subjectType: "appointment", subjectId: id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent }, tx);
    return true;
  });
  // Read back by key, also when nothing was inserted: a concurrent copy of this very submit (double click)
  // may hold the time, and every copy must answer with that one booking.
  const stored = await findByIdempotencyKey(patientId, idempotencyKey);
  if (stored) return ok(stored);
  if (inserted) throw new Error("a booking just inserted could not be read back");
  return overlapFailure(await bookedOverlap(doctorId, patientId, { startsAt, endsAt }));
}

async function findByIdempotencyKey(patientId: string, idempotencyKey: string): Promise<AppointmentDto | null> {
  const row = await db().appointment.findUnique({ where: { patientId_idempotencyKey: { patientId, idempotencyKey } }, include: appointmentInclude });
  return row ? toAppointmentDto(row) : null;
}
