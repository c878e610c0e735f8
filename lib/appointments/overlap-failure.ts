import { fail } from "@/lib/result";
import { OWN_OVERLAP_MESSAGE, SLOT_TAKEN_MESSAGE } from "./slot-check";

/**
 * What the patient should read when their time could not be inserted (see `insertUnlessTaken`): the
 * doctor's slot was taken by someone else, or the patient already has an appointment overlapping it.
 * A collision that is gone by the time we look was a booking that has just been cancelled again: still
 * a lost race, and the slot list will show the time free.
 */
export function overlapFailure(whose: "DOCTOR" | "PATIENT" | null) {
  return whose === "PATIENT"
    ? fail("CONFLICT", OWN_OVERLAP_MESSAGE, { slot: [OWN_OVERLAP_MESSAGE] })
    : fail("SLOT_TAKEN", SLOT_TAKEN_MESSAGE, { slot: [SLOT_TAKEN_MESSAGE] });
}
