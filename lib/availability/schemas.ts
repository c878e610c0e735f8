import { z } from "zod";
import { BUFFER_MINUTES, HORIZON_DAYS, MIN_NOTICE_MINUTES, NOTE_MAX_LENGTH, PREVIEW_DAYS, SLOT_MINUTES } from "./limits";
import { parseEndOfWindow, parseTimeOfDay } from "./time-of-day";

/**
 * Input shapes of the availability services. Forms send strings, so numbers are read from strings
 * too; a blank field counts as missing rather than as 0.
 */
function wholeNumber(message: string, min: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : Number(value)) : value),
    z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message }),
  );
}

function timeOf(parse: (value: string) => number | null, message: string) {
  return z.string({ error: message }).transform((value, ctx) => {
    const minutes = parse(value);
    if (minutes === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return minutes;
  });
}

export const startTimeSchema = timeOf(parseTimeOfDay, "Enter a start time like 09:00.");
export const endTimeSchema = timeOf(parseEndOfWindow, "Enter an end time like 17:00.");
export const slotMinutesSchema = wholeNumber(`Choose a slot length between ${SLOT_MINUTES.min} and ${SLOT_MINUTES.max} minutes.`, SLOT_MINUTES.min, SLOT_MINUTES.max);
export const bufferMinutesSchema = wholeNumber(`Choose a buffer between ${BUFFER_MINUTES.min} and ${BUFFER_MINUTES.max} minutes.`, BUFFER_MINUTES.min, BUFFER_MINUTES.max);
export const weekdaySchema = wholeNumber("Choose a day of the week.", 1, 7);

/** What is wrong with a window's end given its start and slot length, if anything. */
export function windowEndProblem(startMinute: number, endMinute: number, slotMinutes: number): string | null {
  if (endMinute <= startMinute) return "End must be after start.";
  if (endMinute - startMinute < slotMinutes) return `Too short for one ${slotMinutes}-minute slot: make it at least ${slotMinutes} minutes long.`;
  return null;
}

export const bookingSettingsSchema = z.object({
  minNoticeMinutes: wholeNumber(
    `Enter a minimum notice between ${MIN_NOTICE_MINUTES.min} minutes and 7 days (${MIN_NOTICE_MINUTES.max} minutes).`,
    MIN_NOTICE_MINUTES.min,
    MIN_NOTICE_MINUTES.max,
  ),
  horizonDays: wholeNumber(`Enter a booking horizon between ${HORIZON_DAYS.min} and ${HORIZON_DAYS.max} days.`, HORIZON_DAYS.min, HORIZON_DAYS.max),
});

export const exceptionIdSchema = z.object({ exceptionId: z.uuid() });

export const previewSlotsSchema = z.object({
  days: z.preprocess((value) => value ?? PREVIEW_DAYS.default, wholeNumber(`Preview between ${PREVIEW_DAYS.min} and ${PREVIEW_DAYS.max} days.`, PREVIEW_DAYS.min, PREVIEW_DAYS.max)),
});

export const noteSchema = z.preprocess((value) => value ?? "", z.string({ error: "Enter the note as text." }).trim().max(NOTE_MAX_LENGTH, `Keep the note under ${NOTE_MAX_LENGTH} characters.`));

/** zod issues → `{ "path.to.field": [messages] }`, with an optional prefix such as `rules.2`. */
export function fieldErrorsAt(error: z.ZodError, prefix?: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].filter((part) => part !== undefined && part !== "").join(".") || "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function addFieldError(errors: Record<string, string[]>, key: string, message: string): void {
  (errors[key] ??= []).push(message);
}
