/** Wall-clock times of day as "HH:MM" ↔ minutes after local midnight (0 … 1440). */
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const END_OF_DAY = 24 * 60;

/** "09:30" → 570; anything else (including "24:00") → null. */
export function parseTimeOfDay(value: string): number | null {
  const match = TIME_OF_DAY.exec(value.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * The end of a window. "24:00" is midnight at the end of the day; so is "00:00", because a time
 * input cannot show 24:00 and a window ending at the midnight it started from would be empty.
 */
export function parseEndOfWindow(value: string): number | null {
  const trimmed = value.trim();
  if (trimmed === "24:00") return END_OF_DAY;
  const minutes = parseTimeOfDay(trimmed);
  return minutes === 0 ? END_OF_DAY : minutes;
}

/** 570 → "09:30", 1440 → "24:00". */
export function formatTimeOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
