import { describe, expect, it } from "vitest";
import { validateException } from "./exception-input";

const today = "2026-12-01";

describe("validateException", () => {
  it("accepts a day off today or later, ignoring any times sent with it, with a trimmed note", () => {
    expect(validateException({ date: "2026-12-01", kind: "DAY_OFF", start: "junk", note: "  Conference " }, today)).toEqual({ ok: true, exception: { date: "2026-12-01", kind: "DAY_OFF", note: "Conference" } });
    expect(validateException({ date: "2027-12-01", kind: "DAY_OFF" }, today)).toMatchObject({ ok: true, exception: { date: "2027-12-01", note: "" } });
  });

  it("refuses past dates, dates more than 365 days ahead and dates that do not exist", () => {
    expect(validateException({ date: "2026-11-30", kind: "DAY_OFF" }, today)).toEqual({ ok: false, fieldErrors: { date: ["Choose today or a later date."] } });
    expect(validateException({ date: "2027-12-02", kind: "DAY_OFF" }, today)).toEqual({ ok: false, fieldErrors: { date: ["Choose a date within the next 365 days."] } });
    for (const date of ["2027-02-29", "2027-02-30", "2026-13-01", "01/12/2026", ""]) expect(validateException({ date, kind: "DAY_OFF" }, today)).toEqual({ ok: false, fieldErrors: { date: ["Choose a date."] } });
  });

  it("accepts extra hours with a window that holds a slot; the buffer defaults to 0", () => {
    expect(validateException({ date: "2026-12-05", kind: "EXTRA_HOURS", start: "10:00", end: "12:00", slotMinutes: "45", bufferMinutes: "" }, today)).toEqual({
      ok: true,
      exception: { date: "2026-12-05", kind: "EXTRA_HOURS", startMinute: 600, endMinute: 720, slotMinutes: 45, bufferMinutes: 0, note: "" },
    });
  });

  it("reports every problem of extra hours at once, per field", () => {
    expect(validateException({ date: "2026-11-01", kind: "EXTRA_HOURS", start: "", end: "12:00", slotMinutes: "5" }, today)).toEqual({
      ok: false,
      fieldErrors: { date: ["Choose today or a later date."], start: ["Enter a start time like 09:00."], slotMinutes: [expect.stringContaining("slot length")] },
    });
    expect(validateException({ date: "2026-12-05", kind: "EXTRA_HOURS", start: "12:00", end: "11:00", slotMinutes: 30 }, today)).toEqual({ ok: false, fieldErrors: { end: ["End must be after start."] } });
    expect(validateException({ date: "2026-12-05", kind: "EXTRA_HOURS", start: "11:00", end: "11:20", slotMinutes: 30 }, today)).toMatchObject({ ok: false, fieldErrors: { end: [expect.stringContaining("Too short")] } });
  });

  it("requires a known kind and a short note", () => {
    expect(validateException({ date: "2026-12-05", kind: "HOLIDAY" }, today)).toEqual({ ok: false, fieldErrors: { kind: ["Choose day off or extra hours."] } });
    expect(validateException({ date: "2026-12-05", kind: "DAY_OFF", note: "x".repeat(201) }, today)).toMatchObject({ ok: false, fieldErrors: { note: [expect.any(String)] } });
  });
});
