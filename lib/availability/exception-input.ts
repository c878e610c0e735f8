import { z } from "zod";
import type { DateException, SlotWindow } from "@/lib/appointments/compute-slots";
import { addDays, localDateKey, parseLocalDateKey } from "@/lib/appointments/zoned-time";
import { EXCEPTION_MAX_DAYS_AHEAD } from "./limits";
import { addFieldError, bufferMinutesSchema, endTimeSchema, fieldErrorsAt, noteSchema, slotMinutesSchema, startTimeSchema, windowEndProblem } from "./schemas";

/** A date exception as validated: a day off, or extra hours with a window that holds at least one slot. */
export type ExceptionInput = DateException & { note: string };

const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

/** "2027-02-30" matches the pattern but is no date: adding zero days normalizes it to 2 March. */
const isRealDate = (key: string) => DATE_KEY.test(key) && localDateKey(addDays(parseLocalDateKey(key), 0)) === key;

const baseSchema = z.object({
  date: z.string({ error: "Choose a date." }).trim().refine(isRealDate, "Choose a date."),
  kind: z.enum(["DAY_OFF", "EXTRA_HOURS"], { error: "Choose day off or extra hours." }),
  note: noteSchema,
});

const extraHoursSchema = z.object({
  start: startTimeSchema,
  end: endTimeSchema,
  slotMinutes: slotMinutesSchema,
  bufferMinutes: z.preprocess((value) => (value === undefined || value === "" ? 0 : value), bufferMinutesSchema),
});

/**
 * Validates an exception against the doctor's local `today` (a date key): no past dates, at most a
 * year ahead, and for extra hours a window like a weekly rule's. Pure, so the calendar edges are
 * unit-tested.
 */
export function validateException(input: unknown, today: string): { ok: true; exception: ExceptionInput } | { ok: false; fieldErrors: Record<string, string[]> } {
  const base = baseSchema.safeParse(input);
  const fieldErrors: Record<string, string[]> = base.success ? {} : fieldErrorsAt(base.error);
  if (base.success) {
    const latest = localDateKey(addDays(parseLocalDateKey(today), EXCEPTION_MAX_DAYS_AHEAD));
    if (base.data.date < today) addFieldError(fieldErrors, "date", "Choose today or a later date.");
    else if (base.data.date > latest) addFieldError(fieldErrors, "date", `Choose a date within the next ${EXCEPTION_MAX_DAYS_AHEAD} days.`);
  }

  let window: SlotWindow | null = null;
  const kind = base.success ? base.data.kind : (input as { kind?: unknown } | null)?.kind;
  if (kind === "EXTRA_HOURS") {
    const hours = extraHoursSchema.safeParse(input);
    if (!hours.success) Object.assign(fieldErrors, fieldErrorsAt(hours.error));
    else {
      const { start, end, slotMinutes, bufferMinutes } = hours.data;
      const endProblem = windowEndProblem(start, end, slotMinutes);
      if (endProblem) addFieldError(fieldErrors, "end", endProblem);
      else window = { startMinute: start, endMinute: end, slotMinutes, bufferMinutes };
    }
  }

  if (!base.success || Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const { date, note } = base.data;
  return { ok: true, exception: window ? { date, kind: "EXTRA_HOURS", note, ...window } : { date, kind: "DAY_OFF", note } };
}
