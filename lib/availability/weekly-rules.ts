import { z } from "zod";
import type { WeeklyRule } from "@/lib/appointments/compute-slots";
import { ruleLabel, ruleOrdinals } from "./labels";
import { MAX_WEEKLY_RULES } from "./limits";
import { addFieldError, bufferMinutesSchema, endTimeSchema, fieldErrorsAt, slotMinutesSchema, startTimeSchema, weekdaySchema, windowEndProblem } from "./schemas";
import { formatTimeOfDay } from "./time-of-day";

/**
 * Validation of a doctor's whole weekly schedule, pure so it is unit-tested without a database.
 * Errors are keyed by row and field (`rules.2.end`) so the editor shows each one next to its row;
 * every row is checked, so one bad row does not hide problems in the others.
 */
const ruleRowSchema = z.object({
  weekday: weekdaySchema,
  start: startTimeSchema,
  end: endTimeSchema,
  slotMinutes: slotMinutesSchema,
  bufferMinutes: bufferMinutesSchema,
});

export type WeeklyRulesValidation = { ok: true; rules: WeeklyRule[] } | { ok: false; fieldErrors: Record<string, string[]> };

type Window = Pick<WeeklyRule, "weekday" | "startMinute" | "endMinute">;

/** Pairs of indexes `[i, j]` (i < j) of rules on the same weekday whose windows overlap; touching is fine. */
export function findOverlaps(rules: readonly Window[]): [number, number][] {
  const pairs: [number, number][] = [];
  rules.forEach((a, i) => {
    rules.forEach((b, j) => {
      if (j > i && a.weekday === b.weekday && a.startMinute < b.endMinute && b.startMinute < a.endMinute) pairs.push([i, j]);
    });
  });
  return pairs;
}

export function validateWeeklyRules(input: unknown): WeeklyRulesValidation {
  const rows = typeof input === "object" && input !== null ? (input as { rules?: unknown }).rules : undefined;
  if (!Array.isArray(rows)) return { ok: false, fieldErrors: { rules: ["Send the weekly hours as a list of rules."] } };
  if (rows.length > MAX_WEEKLY_RULES) return { ok: false, fieldErrors: { rules: [`Use at most ${MAX_WEEKLY_RULES} weekly rules; merge or remove some.`] } };

  const fieldErrors: Record<string, string[]> = {};
  const parsed: (WeeklyRule | null)[] = rows.map((row, index) => {
    const result = ruleRowSchema.safeParse(row);
    if (!result.success) {
      Object.assign(fieldErrors, fieldErrorsAt(result.error, `rules.${index}`));
      return null;
    }
    const { weekday, start, end, slotMinutes, bufferMinutes } = result.data;
    const endProblem = windowEndProblem(start, end, slotMinutes);
    if (endProblem) {
      addFieldError(fieldErrors, `rules.${index}.end`, endProblem);
      return null;
    }
    return { weekday, startMinute: start, endMinute: end, slotMinutes, bufferMinutes };
  });

  // Only rows that are valid on their own can be compared; labels follow the submitted order.
  const ordinals = ruleOrdinals(parsed.map((rule, index) => rule?.weekday ?? Number((rows[index] as { weekday?: unknown } | null)?.weekday ?? 0)));
  const valid = parsed.flatMap((rule, index) => (rule ? [{ rule, index }] : []));
  const describe = (index: number, rule: WeeklyRule) => `${ruleLabel(rule.weekday, ordinals[index] ?? 1)} (${formatTimeOfDay(rule.startMinute)}–${formatTimeOfDay(rule.endMinute)})`;
  for (const [a, b] of findOverlaps(valid.map((v) => v.rule))) {
    const first = valid[a]!;
    const second = valid[b]!;
    addFieldError(fieldErrors, `rules.${first.index}.start`, `Overlaps ${describe(second.index, second.rule)}.`);
    addFieldError(fieldErrors, `rules.${second.index}.start`, `Overlaps ${describe(first.index, first.rule)}.`);
  }

  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return { ok: true, rules: parsed.filter((rule): rule is WeeklyRule => rule !== null) };
}

/** Rules in the order the schedule reads: by weekday, then start. */
export function sortRules<T extends Window>(rules: readonly T[]): T[] {
  return [...rules].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
}
