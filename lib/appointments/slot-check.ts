import "server-only";
import { fail, type ServiceError } from "@/lib/result";
import { isFreeSlot, overlaps, type Slot } from "./compute-slots";
import type { BookableDoctor } from "./appointment-repository";

/**
 * Why a requested slot cannot be booked, checked in the order a patient would understand: past, notice,
 * horizon, outside the doctor's hours, taken. Undefined when it is one of the doctor's free slots.
 */
export function slotProblem(doctor: BookableDoctor, slot: Slot, busy: Slot[], now = new Date()): ServiceError | undefined {
  const unavailable = (message: string) => fail("SLOT_UNAVAILABLE", message, { slot: [message] }).error;
  if (!(slot.endsAt > slot.startsAt)) return unavailable("The appointment must end after it starts.");
  if (slot.startsAt <= now) return unavailable("That time has already passed. Choose a later slot.");
  if (slot.startsAt.getTime() < now.getTime() + doctor.minNoticeMinutes * 60_000) {
    return unavailable(`Dr. ${doctor.name} needs at least ${formatNotice(doctor.minNoticeMinutes)} notice. Choose a later slot.`);
  }
  if (slot.endsAt.getTime() > now.getTime() + doctor.horizonDays * 24 * 3_600_000) return unavailable(`Bookings open ${doctor.horizonDays} days ahead. Choose an earlier slot.`);
  const query = { timeZone: doctor.timeZone, rules: doctor.rules, exceptions: doctor.exceptions, now, minNoticeMinutes: doctor.minNoticeMinutes, horizonDays: doctor.horizonDays };
  if (!isFreeSlot({ ...query, busy: [] }, slot)) return unavailable("That time is not one of the doctor's slots. Choose a time from the list.");
  // Given it is one of the doctor's slots, it is free exactly when nothing booked overlaps it: no second run of the slot engine.
  if (busy.some((taken) => overlaps(taken, slot))) return fail("SLOT_TAKEN", SLOT_TAKEN_MESSAGE).error;
  return undefined;
}

export const SLOT_TAKEN_MESSAGE = "This slot was just taken. Please choose another time.";
export const OWN_OVERLAP_MESSAGE = "You already have an appointment at that time.";

function formatNotice(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}'`;
  return `${minutes} minutes'`;
}
