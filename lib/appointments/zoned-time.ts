/**
 * Wall-clock time in an IANA zone ↔ UTC instants, with Intl only (Node 20 has no Temporal).
 * Local times that do not exist (the hour skipped when clocks go forward) map to null; local times that
 * occur twice (the hour repeated when clocks go back) map to the first occurrence.
 */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** en-US with h23 formats as `12/1/2026, 05:10:47`. */
const FORMATTED = /^(\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{2}):(\d{2}):\d{2}$/;

/** The wall-clock reading in `timeZone` at `instant`. */
export function wallClock(instant: Date, timeZone: string): LocalDate & { minuteOfDay: number; weekday: number } {
  const formatter = formatterFor(timeZone);
  // Parsing format() is ≈8× cheaper than formatToParts(), and the slot engine calls this several times per
  // candidate slot (a round-the-clock 10-minute schedule made each booking's re-check cost ≈13 ms of CPU).
  const match = FORMATTED.exec(formatter.format(instant));
  const parts = match
    ? { month: match[1], day: match[2], year: match[3], hour: match[4], minute: match[5] }
    : Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const minuteOfDay = Number(parts.hour) * 60 + Number(parts.minute);
  return { year, month, day, minuteOfDay, weekday: isoWeekday({ year, month, day }) };
}

/** Minutes the zone is ahead of UTC at `instant`. */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const local = wallClock(instant, timeZone);
  const seconds = instant.getUTCSeconds();
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, 0, local.minuteOfDay, seconds);
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** The UTC instant of local `minuteOfDay` on `date` in `timeZone`, or null when that local time does not exist. */
export function zonedToUtc(date: LocalDate, minuteOfDay: number, timeZone: string): Date | null {
  const naive = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  // The offset can differ on either side of a transition: try both candidates, earliest first.
  const candidates = [...new Set([offsetMinutes(new Date(naive - 14 * 3_600_000), timeZone), offsetMinutes(new Date(naive + 14 * 3_600_000), timeZone)])]
    .map((offset) => new Date(naive - offset * 60_000))
    .sort((a, b) => a.getTime() - b.getTime());
  for (const candidate of candidates) {
    const local = wallClock(candidate, timeZone);
    const target = normalize(date, minuteOfDay);
    if (local.year === target.year && local.month === target.month && local.day === target.day && local.minuteOfDay === target.minuteOfDay) return candidate;
  }
  return null;
}

function normalize(date: LocalDate, minuteOfDay: number): LocalDate & { minuteOfDay: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), minuteOfDay: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function localDateKey(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

export function parseLocalDateKey(key: string): LocalDate {
  const [year, month, day] = key.split("-").map(Number) as [number, number, number];
  return { year, month, day };
}
