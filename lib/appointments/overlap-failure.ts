import { constraintViolation } from "@/lib/db/errors";
import { fail } from "@/lib/result";
import { OWN_OVERLAP_MESSAGE, SLOT_TAKEN_MESSAGE } from "./slot-check";

/**
 * Maps an exclusion-constraint violation to what the patient should read: the doctor's slot was taken
 * by someone else, or the patient already has an appointment overlapping it.
 */
export function overlapFailure(error: unknown) {
  if (constraintViolation(error) !== "EXCLUSION") return undefined;
  return JSON.stringify(error, Object.getOwnPropertyNames(error as object)).includes("appointments_patient_no_overlap")
    ? fail("CONFLICT", OWN_OVERLAP_MESSAGE, { slot: [OWN_OVERLAP_MESSAGE] })
    : fail("SLOT_TAKEN", SLOT_TAKEN_MESSAGE, { slot: [SLOT_TAKEN_MESSAGE] });
}
