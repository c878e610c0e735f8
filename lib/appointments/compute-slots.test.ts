import { describe, expect, it } from "vitest";
import { computeFreeSlots, isFreeSlot, windowStarts, type WeeklyRule } from "./compute-slots";
import { zonedToUtc } from "./zoned-time";

const weekdays = (startMinute: number, endMinute: number, slotMinutes = 30, bufferMinutes = 0): WeeklyRule[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute, endMinute, slotMinutes, bufferMinutes }));

function slotsOn(timeZone: string, localDate: string, rules: WeeklyRule[]) {
  const [year, month, day] = localDate.split("-").map(Number) as [number, number, number];
  const from = zonedToUtc({ year, month, day }, 0, timeZone) ?? zonedToUtc({ year, month, day }, 60, timeZone)!;
  const to = new Date(from.getTime() + 26 * 3_600_000);
  return computeFreeSlots({ timeZone, rules, exceptions: [], busy: [], now: new Date(from.getTime() - 5 * 24 * 3_600_000), minNoticeMinutes: 0, horizonDays: 30, from, to }).filter(
    (s) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(s.startsAt) === localDate,
  );
}

const iso = (d: Date) => d.toISOString();

describe("windowStarts", () => {
  it("cuts a window into whole slots with buffers between", () => {
    expect(windowStarts({ startMinute: 540, endMinute: 660, slotMinutes: 30, bufferMinutes: 10 })).toEqual([540, 580, 620]);
    expect(windowStarts({ startMinute: 540, endMinute: 560, slotMinutes: 30, bufferMinutes: 0 })).toEqual([]);
  });
});

describe("daylight-saving transitions (2026)", () => {
  it("Europe/Berlin, spring forward on 29 March: 09:00 local is 07:00 UTC after the change; 02:xx does not exist", () => {
    const before = slotsOn("Europe/Berlin", "2026-03-28", weekdays(540, 600));
    const after = slotsOn("Europe/Berlin", "2026-03-29", weekdays(540, 600));
    expect(before.map((s) => iso(s.startsAt))).toEqual(["2026-03-28T08:00:00.000Z", "2026-03-28T08:30:00.000Z"]);
    expect(after.map((s) => iso(s.startsAt))).toEqual(["2026-03-29T07:00:00.000Z", "2026-03-29T07:30:00.000Z"]);
    const night = slotsOn("Europe/Berlin", "2026-03-29", weekdays(60, 240, 60));
    // 01:00 and 03:00 exist; 02:00–03:00 was skipped, so the 02:00 slot is dropped.
    expect(night.map((s) => iso(s.startsAt))).toEqual(["2026-03-29T00:00:00.000Z", "2026-03-29T01:00:00.000Z"]);
  });

  it("Europe/Berlin, fall back on 25 October: 09:00 local is 08:00 UTC after the change; every slot lasts its length", () => {
    const after = slotsOn("Europe/Berlin", "2026-10-25", weekdays(540, 600));
    expect(after.map((s) => iso(s.startsAt))).toEqual(["2026-10-25T08:00:00.000Z", "2026-10-25T08:30:00.000Z"]);
    const night = slotsOn("Europe/Berlin", "2026-10-25", weekdays(120, 240, 60));
    expect(night.every((s) => s.endsAt.getTime() - s.startsAt.getTime() === 60 * 60_000)).toBe(true);
  });

  it("America/New_York, spring forward on 8 March: 09:00 EDT is 13:00 UTC", () => {
    expect(slotsOn("America/New_York", "2026-03-07", weekdays(540, 570)).map((s) => iso(s.startsAt))).toEqual(["2026-03-07T14:00:00.000Z"]);
    expect(slotsOn("America/New_York", "2026-03-08", weekdays(540, 570)).map((s) => iso(s.startsAt))).toEqual(["2026-03-08T13:00:00.000Z"]);
  });

  it("America/New_York, fall back on 1 November: 09:00 EST is 14:00 UTC", () => {
    expect(slotsOn("America/New_York", "2026-10-31", weekdays(540, 570)).map((s) => iso(s.startsAt))).toEqual(["2026-10-31T13:00:00.000Z"]);
    expect(slotsOn("America/New_York", "2026-11-01", weekdays(540, 570)).map((s) => iso(s.startsAt))).toEqual(["2026-11-01T14:00:00.000Z"]);
  });
});

describe("computeFreeSlots filters", () => {
  const timeZone = "UTC";
  const now = new Date("2026-12-01T08:00:00Z");
  const base = { timeZone, rules: weekdays(540, 720), exceptions: [], busy: [], now, minNoticeMinutes: 120, horizonDays: 2 };

  it("drops slots inside the minimum notice and beyond the horizon", () => {
    const slots = computeFreeSlots(base);
    expect(iso(slots[0]!.startsAt)).toBe("2026-12-01T10:00:00.000Z");
    expect(slots.every((s) => s.endsAt.getTime() <= now.getTime() + 2 * 24 * 3_600_000)).toBe(true);
  });

  it("drops slots overlapping booked appointments and days off, adds extra hours", () => {
    const busy = [{ startsAt: new Date("2026-12-01T10:15:00Z"), endsAt: new Date("2026-12-01T10:45:00Z") }];
    const slots = computeFreeSlots({
      ...base,
      busy,
      exceptions: [
        { date: "2026-12-02", kind: "DAY_OFF" },
        { date: "2026-12-02", kind: "EXTRA_HOURS", startMinute: 1080, endMinute: 1140, slotMinutes: 60, bufferMinutes: 0 },
      ],
    });
    const starts = slots.map((s) => iso(s.startsAt));
    expect(starts).not.toContain("2026-12-01T10:00:00.000Z");
    expect(starts).not.toContain("2026-12-01T10:30:00.000Z");
    expect(starts).toContain("2026-12-01T11:00:00.000Z");
    expect(starts.filter((s) => s.startsWith("2026-12-02"))).toEqual(["2026-12-02T18:00:00.000Z"]);
  });

  it("isFreeSlot accepts exactly a free slot and nothing shifted or resized", () => {
    expect(isFreeSlot(base, { startsAt: new Date("2026-12-01T11:00:00Z"), endsAt: new Date("2026-12-01T11:30:00Z") })).toBe(true);
    expect(isFreeSlot(base, { startsAt: new Date("2026-12-01T11:05:00Z"), endsAt: new Date("2026-12-01T11:35:00Z") })).toBe(false);
    expect(isFreeSlot(base, { startsAt: new Date("2026-12-01T11:00:00Z"), endsAt: new Date("2026-12-01T12:00:00Z") })).toBe(false);
    expect(isFreeSlot(base, { startsAt: new Date("2026-12-01T08:00:00Z"), endsAt: new Date("2026-12-01T08:30:00Z") })).toBe(false);
  });
});
