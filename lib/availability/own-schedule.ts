import "server-only";
import { localDateKey, wallClock } from "@/lib/appointments/zoned-time";
import { authorize } from "@/lib/authz/authorize";
import type { Actor, RequestContext } from "@/lib/authz/actor";
import { fail } from "@/lib/result";

/** Every availability service starts here: only a verified doctor, and only on their own schedule. */
export function authorizeOwnSchedule(actor: Actor | null, context: RequestContext) {
  return authorize(actor, "availability.manage_own", { ownerId: actor?.id, type: "availability", id: actor?.id }, context);
}

/** A verified doctor always has a profile; its absence is reported like any missing resource. */
export const scheduleNotFound = () => fail("NOT_FOUND", "Not found.");

/** Today's date in the doctor's zone, as "YYYY-MM-DD". */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return localDateKey(wallClock(now, timeZone));
}

export const VALIDATION_MESSAGE = "Please correct the highlighted fields.";
