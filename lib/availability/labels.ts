/** Names for weekdays, rules and dates as the doctor reads them in forms and messages. */
export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** ISO weekday (1 = Monday … 7 = Sunday) to its name. */
export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? "Unknown day";
}

/**
 * Each rule's number among the rules of its weekday, in list order ("Monday rule 1", "Monday rule 2"),
 * so labels and messages name the same row the doctor sees.
 */
export function ruleOrdinals(weekdays: readonly number[]): number[] {
  const seen = new Map<number, number>();
  return weekdays.map((weekday) => {
    const next = (seen.get(weekday) ?? 0) + 1;
    seen.set(weekday, next);
    return next;
  });
}

export function ruleLabel(weekday: number, ordinal: number): string {
  return `${weekdayName(weekday)} rule ${ordinal}`;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const dayFormat = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });

/** A calendar date key ("2026-12-07") as "Mon 7 Dec 2026"; the key is already local to the doctor. */
export function formatDateKey(key: string): string {
  return dateFormat.format(new Date(`${key}T00:00:00Z`));
}

/** A calendar date key as "Monday 7 December", for day headings. */
export function formatDayHeading(key: string): string {
  return dayFormat.format(new Date(`${key}T00:00:00Z`));
}
