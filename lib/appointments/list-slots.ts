import "server-only";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { findBookableDoctor, findBusyRanges } from "./appointment-repository";
import { computeFreeSlots, type Slot } from "./compute-slots";
import { listSlotsSchema } from "./schemas";

export interface DoctorSlotsDto {
  doctorId: string;
  doctorName: string;
  doctorTimeZone: string;
  slots: Slot[];
}

/** A verified doctor's free slots for the next `days` days, for a patient choosing a time. */
export async function listFreeSlots(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<DoctorSlotsDto>> {
  const allowed = await authorize(actor, "appointment.list_slots", { type: "doctor" }, context);
  if (!allowed.ok) return allowed;
  const parsed = listSlotsSchema.safeParse(input);
  if (!parsed.success) return fail("NOT_FOUND", "This doctor is not available for booking.");
  const doctor = await findBookableDoctor(parsed.data.doctorId);
  if (!doctor) return fail("NOT_FOUND", "This doctor is not available for booking.");
  const now = new Date();
  const to = new Date(now.getTime() + parsed.data.days * 24 * 3_600_000);
  const busy = await findBusyRanges(doctor.userId, now, to);
  const slots = computeFreeSlots({ timeZone: doctor.timeZone, rules: doctor.rules, exceptions: doctor.exceptions, busy, now, minNoticeMinutes: doctor.minNoticeMinutes, horizonDays: doctor.horizonDays, to });
  return ok({ doctorId: doctor.userId, doctorName: doctor.name, doctorTimeZone: doctor.timeZone, slots });
}
