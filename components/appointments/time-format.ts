/**
 * How appointment times read everywhere: English, 24-hour clock, always in an explicit IANA zone (the
 * viewer's for patients, the doctor's for doctors), never the server's.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: "day" | "longDay" | "time" | "dayKey", timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let cached = formatters.get(key);
  if (!cached) {
    const options: Record<typeof kind, Intl.DateTimeFormatOptions> = {
      day: { weekday: "short", day: "numeric", month: "short" },
      longDay: { weekday: "long", day: "numeric", month: "long" },
      time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
      dayKey: { year: "numeric", month: "2-digit", day: "2-digit" },
    };
    cached = new Intl.DateTimeFormat(kind === "dayKey" ? "en-CA" : "en-GB", { ...options[kind], timeZone });
    formatters.set(key, cached);
  }
  return cached;
}

/** "Tue 2 Dec" */
export const formatDay = (instant: Date, timeZone: string) => formatter("day", timeZone).format(instant);

/** "Tuesday 2 December" */
export const formatLongDay = (instant: Date, timeZone: string) => formatter("longDay", timeZone).format(instant);

/** "09:00" */
export const formatTime = (instant: Date, timeZone: string) => formatter("time", timeZone).format(instant);

/** "Tue 2 Dec, 09:00": the name of a slot. */
export const formatDayTime = (instant: Date, timeZone: string) => `${formatDay(instant, timeZone)}, ${formatTime(instant, timeZone)}`;

/** "Tue 2 Dec, 09:00–09:30" */
export const formatRange = (startsAt: Date, endsAt: Date, timeZone: string) => `${formatDayTime(startsAt, timeZone)}–${formatTime(endsAt, timeZone)}`;

/** "2025-12-02": the local calendar date, for grouping by day. */
export const localDayKey = (instant: Date, timeZone: string) => formatter("dayKey", timeZone).format(instant);

/** "America/New_York" → "New York": the city part of a zone, for short labels. */
export const zoneCity = (timeZone: string) => (timeZone.split("/").pop() ?? timeZone).replaceAll("_", " ");
