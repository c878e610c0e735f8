import { addDays, isoWeekday, localDateKey, wallClock, zonedToUtc, type LocalDate } from "./zoned-time";

/** A window of bookable time on a local day, cut into slots. Minutes are after local midnight. */
export interface SlotWindow {
  startMinute: number;
  endMinute: number;
  slotMinutes: number;
  bufferMinutes: number;
}

export interface WeeklyRule extends SlotWindow {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

export type DateException = { date: string; kind: "DAY_OFF" } | ({ date: string; kind: "EXTRA_HOURS" } & SlotWindow);

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

export interface SlotQuery {
  timeZone: string;
  rules: WeeklyRule[];
  exceptions: DateException[];
  /** Ranges already taken (BOOKED appointments), which no slot may overlap. */
  busy: Slot[];
  now: Date;
  minNoticeMinutes: number;
  horizonDays: number;
  /** Limit to [from, to) when given (e.g. one week of a calendar view). */
  from?: Date;
  to?: Date;
}

/** Slot starts of one window, in local minutes: slot, buffer, slot, … while a whole slot fits. */
export function windowStarts(window: SlotWindow): number[] {
  const starts: number[] = [];
  for (let start = window.startMinute; start + window.slotMinutes <= window.endMinute; start += window.slotMinutes + window.bufferMinutes) starts.push(start);
  return starts;
}

/** The windows that apply on one local date: weekly rules (unless the day is off) plus extra hours. */
export function windowsOn(date: LocalDate, rules: WeeklyRule[], exceptions: DateException[]): SlotWindow[] {
  const key = localDateKey(date);
  const today = exceptions.filter((e) => e.date === key);
  const weekly = today.some((e) => e.kind === "DAY_OFF") ? [] : rules.filter((r) => r.weekday === isoWeekday(date));
  const extra = today.filter((e): e is Extract<DateException, { kind: "EXTRA_HOURS" }> => e.kind === "EXTRA_HOURS");
  return [...weekly, ...extra];
}

export const overlaps = (a: Slot, b: Slot) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** UTC offsets in the tz database lie within −12 h … +14 h: a local reading is never further than this from UTC. */
const MAX_ZONE_OFFSET_MS = 15 * 3_600_000;

/**
 * Free slots: every window's slot starts converted from the doctor's wall clock to UTC (so a 09:00 slot
 * stays at 09:00 local across daylight-saving changes; a start that does not exist locally is dropped, an
 * ambiguous one takes its first occurrence), each lasting its length in real time, minus past ones, ones inside the minimum notice or beyond the horizon, and ones overlapping
 * busy ranges. Sorted by start, without duplicates.
 */
export function computeFreeSlots(query: SlotQuery): Slot[] {
  const earliest = new Date(Math.max(query.now.getTime() + query.minNoticeMinutes * 60_000, query.from?.getTime() ?? 0));
  const horizonEnd = new Date(query.now.getTime() + query.horizonDays * 24 * 3_600_000);
  const latest = query.to && query.to < horizonEnd ? query.to : horizonEnd;
  const firstDate = wallClock(new Date(Math.max(query.now.getTime(), query.from?.getTime() ?? 0) - 24 * 3_600_000), query.timeZone);
  const slots = new Map<number, Slot>();
  for (let date: LocalDate = firstDate; ; date = addDays(date, 1)) {
    const midnight = zonedToUtc(date, 0, query.timeZone) ?? zonedToUtc(date, 60, query.timeZone);
    if (!midnight || midnight > latest) break;
    for (const window of windowsOn(date, query.rules, query.exceptions)) {
      for (const start of windowStarts(window)) {
        // The zone conversion is the costly part: skip starts that cannot land in [earliest, latest] first.
        const naive = Date.UTC(date.year, date.month - 1, date.day, 0, start);
        if (naive + MAX_ZONE_OFFSET_MS < earliest.getTime() || naive - MAX_ZONE_OFFSET_MS > latest.getTime()) continue;
        const startsAt = zonedToUtc(date, start, query.timeZone);
        if (!startsAt) continue;
        // A slot lasts its length in real time, also when the clocks change during it.
        const slot = { startsAt, endsAt: new Date(startsAt.getTime() + window.slotMinutes * 60_000) };
        const endsAt = slot.endsAt;
        if (startsAt < earliest || endsAt > latest) continue;
        if (query.busy.some((b) => overlaps(b, slot))) continue;
        slots.set(startsAt.getTime(), slot);
      }
    }
  }
  return [...slots.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** Whether [startsAt, endsAt) is exactly one of the doctor's free slots: the server's re-check at booking. */
export function isFreeSlot(query: SlotQuery, candidate: Slot): boolean {
  // Only a slot inside the candidate's own range can equal it; a wider range only costs conversions.
  return computeFreeSlots({ ...query, from: candidate.startsAt, to: candidate.endsAt }).some(
    (slot) => slot.startsAt.getTime() === candidate.startsAt.getTime() && slot.endsAt.getTime() === candidate.endsAt.getTime(),
  );
}
