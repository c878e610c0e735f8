import { describe, expect, it } from "vitest";
import { ruleOrdinals } from "./labels";
import { MAX_WEEKLY_RULES } from "./limits";
import { formatTimeOfDay, parseEndOfWindow, parseTimeOfDay } from "./time-of-day";
import { findOverlaps, sortRules, validateWeeklyRules } from "./weekly-rules";

const row = (weekday: number | string, start: string, end: string, slotMinutes: number | string = 30, bufferMinutes: number | string = 0) => ({ weekday, start, end, slotMinutes, bufferMinutes });
const errorsOf = (input: unknown) => {
  const result = validateWeeklyRules(input);
  if (result.ok) throw new Error("expected validation to fail");
  return result.fieldErrors;
};

describe("times of day", () => {
  it("reads HH:MM and writes it back, with 24:00 (and 00:00 as an end) meaning midnight at the end of the day", () => {
    expect(parseTimeOfDay("09:30")).toBe(570);
    expect(parseTimeOfDay("00:00")).toBe(0);
    expect(parseTimeOfDay("23:59")).toBe(1439);
    for (const bad of ["24:00", "9:30", "09:60", "25:00", "0930", "", "09:30:00"]) expect(parseTimeOfDay(bad)).toBeNull();
    expect(parseEndOfWindow("24:00")).toBe(1440);
    expect(parseEndOfWindow("00:00")).toBe(1440);
    expect(parseEndOfWindow("17:00")).toBe(1020);
    expect(parseEndOfWindow("24:30")).toBeNull();
    expect(formatTimeOfDay(570)).toBe("09:30");
    expect(formatTimeOfDay(1440)).toBe("24:00");
  });

  it("numbers rules per weekday in list order, as the editor labels them", () => {
    expect(ruleOrdinals([1, 1, 3, 1, 3])).toEqual([1, 2, 1, 3, 2]);
  });
});

describe("findOverlaps", () => {
  const w = (weekday: number, startMinute: number, endMinute: number) => ({ weekday, startMinute, endMinute });

  it("finds overlapping windows on the same weekday only; touching windows do not overlap", () => {
    expect(findOverlaps([w(1, 540, 720), w(1, 720, 1020), w(2, 600, 660)])).toEqual([]);
    expect(findOverlaps([w(1, 540, 720), w(1, 700, 800)])).toEqual([[0, 1]]);
    expect(findOverlaps([w(1, 540, 720), w(2, 540, 720)])).toEqual([]);
  });

  it("finds every pair, also a long window covering two others that do not touch each other", () => {
    expect(findOverlaps([w(1, 0, 1440), w(1, 60, 120), w(1, 130, 200)])).toEqual([
      [0, 1],
      [0, 2],
    ]);
    expect(findOverlaps([w(5, 600, 660), w(5, 600, 660)])).toEqual([[0, 1]]);
  });
});

describe("validateWeeklyRules", () => {
  it("accepts a valid week, reading numbers sent as form strings, in minutes after local midnight", () => {
    const result = validateWeeklyRules({ rules: [row("1", "09:00", "12:00", "30", "10"), row(1, "13:00", "17:00"), row(6, "10:00", "24:00", 60, 0)] });
    expect(result).toEqual({
      ok: true,
      rules: [
        { weekday: 1, startMinute: 540, endMinute: 720, slotMinutes: 30, bufferMinutes: 10 },
        { weekday: 1, startMinute: 780, endMinute: 1020, slotMinutes: 30, bufferMinutes: 0 },
        { weekday: 6, startMinute: 600, endMinute: 1440, slotMinutes: 60, bufferMinutes: 0 },
      ],
    });
  });

  it("accepts an empty week (no bookable hours) and touching windows", () => {
    expect(validateWeeklyRules({ rules: [] })).toEqual({ ok: true, rules: [] });
    expect(validateWeeklyRules({ rules: [row(2, "09:00", "12:00"), row(2, "12:00", "15:00")] }).ok).toBe(true);
  });

  it("treats an end of 00:00 (what a time input shows for midnight) as the end of the day", () => {
    expect(validateWeeklyRules({ rules: [row(7, "18:00", "00:00", 60)] })).toMatchObject({ ok: true, rules: [{ startMinute: 1080, endMinute: 1440 }] });
  });

  it("reports each bad field under its row and field, checking every row", () => {
    const errors = errorsOf({ rules: [row(8, "9am", "17:00", 5, 200), row(2, "10:00", "25:00", 130, -5)] });
    expect(Object.keys(errors).sort()).toEqual(["rules.0.bufferMinutes", "rules.0.slotMinutes", "rules.0.start", "rules.0.weekday", "rules.1.bufferMinutes", "rules.1.end", "rules.1.slotMinutes"]);
    expect(errors["rules.0.weekday"]).toEqual(["Choose a day of the week."]);
    expect(errors["rules.0.start"]).toEqual(["Enter a start time like 09:00."]);
    expect(errors["rules.0.slotMinutes"]).toEqual(["Choose a slot length between 10 and 120 minutes."]);
    expect(errors["rules.1.bufferMinutes"]).toEqual(["Choose a buffer between 0 and 120 minutes."]);
  });

  it("treats blank or fractional numbers as missing, not as 0", () => {
    const errors = errorsOf({ rules: [row(1, "09:00", "10:00", "", "1.5")] });
    expect(errors).toEqual({ "rules.0.slotMinutes": [expect.stringContaining("slot length")], "rules.0.bufferMinutes": [expect.stringContaining("buffer")] });
  });

  it("requires the end after the start, and room for at least one slot", () => {
    expect(errorsOf({ rules: [row(1, "12:00", "09:00")] })).toEqual({ "rules.0.end": ["End must be after start."] });
    expect(errorsOf({ rules: [row(1, "09:00", "09:00")] })).toEqual({ "rules.0.end": ["End must be after start."] });
    expect(errorsOf({ rules: [row(1, "09:00", "09:45", 60)] })).toEqual({ "rules.0.end": ["Too short for one 60-minute slot: make it at least 60 minutes long."] });
    expect(validateWeeklyRules({ rules: [row(1, "09:00", "10:00", 60)] }).ok).toBe(true);
  });

  it("marks both rows of an overlap, naming the other rule as the editor labels it", () => {
    const errors = errorsOf({ rules: [row(1, "09:00", "12:00"), row(3, "09:00", "12:00"), row(1, "11:30", "14:00")] });
    expect(errors).toEqual({
      "rules.0.start": ["Overlaps Monday rule 2 (11:30–14:00)."],
      "rules.2.start": ["Overlaps Monday rule 1 (09:00–12:00)."],
    });
  });

  it("lists every overlap of a row, and still compares valid rows when another row is invalid", () => {
    const errors = errorsOf({ rules: [row(4, "08:00", "18:00"), row(4, "09:00", "10:00"), row(4, "bad", "11:00"), row(4, "12:00", "13:00")] });
    expect(errors["rules.0.start"]).toEqual(["Overlaps Thursday rule 2 (09:00–10:00).", "Overlaps Thursday rule 4 (12:00–13:00)."]);
    expect(errors["rules.1.start"]).toEqual(["Overlaps Thursday rule 1 (08:00–18:00)."]);
    expect(errors["rules.2.start"]).toEqual(["Enter a start time like 09:00."]);
    expect(errors["rules.3.start"]).toEqual(["Overlaps Thursday rule 1 (08:00–18:00)."]);
  });

  it("refuses more than the maximum number of rules, and input that is not a list", () => {
    const many = Array.from({ length: MAX_WEEKLY_RULES + 1 }, (_, i) => row((i % 7) + 1, `${String(i).padStart(2, "0")}:00`, `${String(i).padStart(2, "0")}:30`));
    expect(errorsOf({ rules: many })).toEqual({ rules: [`Use at most ${MAX_WEEKLY_RULES} weekly rules; merge or remove some.`] });
    expect(validateWeeklyRules({ rules: many.slice(0, MAX_WEEKLY_RULES) }).ok).toBe(true);
    expect(errorsOf(null)).toHaveProperty("rules");
    expect(errorsOf({ rules: "monday" })).toHaveProperty("rules");
    expect(errorsOf({ rules: [null] })).toHaveProperty(["rules.0"]);
  });

  it("sorts rules by weekday, then start", () => {
    const sorted = sortRules([
      { weekday: 3, startMinute: 600, endMinute: 660 },
      { weekday: 1, startMinute: 780, endMinute: 800 },
      { weekday: 1, startMinute: 540, endMinute: 600 },
    ]);
    expect(sorted.map((r) => [r.weekday, r.startMinute])).toEqual([
      [1, 540],
      [1, 780],
      [3, 600],
    ]);
  });
});
