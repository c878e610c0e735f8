/**
 * A doctor's availability against the suite's real Postgres: weekly rules replaced as a whole (or not
 * at all), date exceptions, booking settings, the slot preview, authorization and the audit trail.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, localDateKey, wallClock, zonedToUtc } from "@/lib/appointments/zoned-time";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { addException } from "./add-exception";
import { getOwnAvailability } from "./get-own-availability";
import { previewSlots } from "./preview-slots";
import { removeException } from "./remove-exception";
import { replaceWeeklyRules } from "./replace-weekly-rules";
import { updateBookingSettings } from "./update-booking-settings";

const TIME_ZONE = "Europe/Berlin";
const run = randomUUID().slice(0, 8);
const unique = () => `${run}-${randomUUID().slice(0, 8)}`;
const createdUserIds: string[] = [];
let facilityId: string;

const actorOf = (id: string, role: Actor["role"], verification: Actor["verification"]): Actor => ({ id, role, status: "ACTIVE", verification, mfaEnabled: false, sessionVersion: 1 });

async function createDoctor(verification: "VERIFIED" | "PENDING" = "VERIFIED"): Promise<Actor> {
  const user = await db().user.create({ data: { email: `availability-doctor-${unique()}@example.test`, name: "Dr Avail", role: "DOCTOR" } });
  createdUserIds.push(user.id);
  await db().doctorProfile.create({
    data: { userId: user.id, specialty: "Cardiology", licenseJurisdiction: `T-${run}`, licenseNumber: unique(), facilityId, timeZone: TIME_ZONE, verification },
  });
  return actorOf(user.id, "DOCTOR", verification);
}

async function createPatient(): Promise<Actor> {
  const user = await db().user.create({ data: { email: `availability-patient-${unique()}@example.test`, name: "Pat Ient", role: "PATIENT" } });
  createdUserIds.push(user.id);
  await db().patientProfile.create({ data: { userId: user.id, publicId: `P-${unique()}`, dateOfBirth: new Date("1990-01-01T00:00:00Z") } });
  return actorOf(user.id, "PATIENT", null);
}

/** A date key `offset` days from today in the doctor's zone. */
const localDay = (offset: number) => localDateKey(addDays(wallClock(new Date(), TIME_ZONE), offset));
const at = (key: string, minute: number) => {
  const [year, month, day] = key.split("-").map(Number) as [number, number, number];
  return zonedToUtc({ year, month, day }, minute, TIME_ZONE)!;
};
const rule = (weekday: number | string, start: string, end: string, slotMinutes: number | string = 30, bufferMinutes: number | string = 0) => ({ weekday, start, end, slotMinutes, bufferMinutes });
const everyDay = (start: string, end: string, slotMinutes = 30, bufferMinutes = 0) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => rule(weekday, start, end, slotMinutes, bufferMinutes));
const storedRules = (doctorId: string) => db().availabilityRule.findMany({ where: { doctorId }, orderBy: [{ weekday: "asc" }, { startMinute: "asc" }] });
const eventsOf = (actorId: string, action: string) => db().auditEvent.findMany({ where: { actorId, action }, orderBy: { id: "asc" } });

async function mustOk<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  const facility = await db().facility.create({ data: { name: `Availability Clinic ${run}`, city: "Berlin" } });
  facilityId = facility.id;
});

afterAll(async () => {
  await db().appointment.deleteMany({ where: { doctorId: { in: createdUserIds } } });
  await db().user.deleteMany({ where: { id: { in: createdUserIds } } });
  await db().facility.delete({ where: { id: facilityId } });
});

describe("authorization", () => {
  it("refuses a missing actor, a pending doctor and a patient on every service, recording the denials", async () => {
    const doctor = await createDoctor();
    await mustOk(replaceWeeklyRules(doctor, { rules: [rule(1, "09:00", "12:00")] }));
    const { id: exceptionId } = await mustOk(addException(doctor, { date: localDay(5), kind: "DAY_OFF" }));
    const pending = await createDoctor("PENDING");
    const patient = await createPatient();

    const calls = (actor: Actor | null) => [
      getOwnAvailability(actor),
      replaceWeeklyRules(actor, { rules: [rule(2, "09:00", "12:00")] }),
      addException(actor, { date: localDay(3), kind: "DAY_OFF" }),
      removeException(actor, { exceptionId }),
      updateBookingSettings(actor, { minNoticeMinutes: 0, horizonDays: 30 }),
      previewSlots(actor, { days: 7 }),
    ];
    for (const result of await Promise.all(calls(null))) expect(result).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    for (const actor of [pending, patient]) {
      for (const result of await Promise.all(calls(actor))) expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await eventsOf(actor.id, "authz.deny")).toHaveLength(6);
    }

    // Nothing the refused callers sent was stored, and the doctor's own data is intact.
    expect(await db().availabilityRule.count({ where: { doctorId: { in: [pending.id, patient.id] } } })).toBe(0);
    expect(await storedRules(doctor.id)).toMatchObject([{ weekday: 1, startMinute: 540, endMinute: 720 }]);
    expect(await db().availabilityException.count({ where: { id: exceptionId } })).toBe(1);
  });

  it("reads a suspended-account actor as signed out", async () => {
    const doctor = await createDoctor();
    expect(await getOwnAvailability({ ...doctor, status: "SUSPENDED" })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});

describe("weekly rules", () => {
  it("starts empty with the default booking settings and the doctor's zone", async () => {
    const doctor = await createDoctor();
    expect(await getOwnAvailability(doctor)).toEqual({ ok: true, value: { timeZone: TIME_ZONE, today: localDay(0), minNoticeMinutes: 120, horizonDays: 60, rules: [], exceptions: [] } });
  });

  it("replaces all rules in one go, sorted by weekday and start, and audits the change", async () => {
    const doctor = await createDoctor();
    await mustOk(replaceWeeklyRules(doctor, { rules: [rule(3, "08:00", "10:00")] }));
    const saved = await mustOk(replaceWeeklyRules(doctor, { rules: [rule(5, "14:00", "24:00", 60, 0), rule("1", "13:00", "17:00", "20", "5"), rule(1, "09:00", "12:00", 30, 10)] }));

    expect(saved).toEqual([
      { id: expect.any(String), weekday: 1, start: "09:00", end: "12:00", slotMinutes: 30, bufferMinutes: 10 },
      { id: expect.any(String), weekday: 1, start: "13:00", end: "17:00", slotMinutes: 20, bufferMinutes: 5 },
      { id: expect.any(String), weekday: 5, start: "14:00", end: "24:00", slotMinutes: 60, bufferMinutes: 0 },
    ]);
    expect(await storedRules(doctor.id)).toMatchObject([
      { weekday: 1, startMinute: 540, endMinute: 720 },
      { weekday: 1, startMinute: 780, endMinute: 1020 },
      { weekday: 5, startMinute: 840, endMinute: 1440 },
    ]);
    const own = await mustOk(getOwnAvailability(doctor));
    expect(own.rules).toEqual(saved);
    expect((await eventsOf(doctor.id, "availability.update")).map((e) => e.details)).toEqual([
      { ruleCount: 1, previousRuleCount: 0 },
      { ruleCount: 3, previousRuleCount: 1 },
    ]);

    await mustOk(replaceWeeklyRules(doctor, { rules: [] }));
    expect(await storedRules(doctor.id)).toEqual([]);
  });

  it("rejects overlapping and invalid rows with a message per row, storing nothing", async () => {
    const doctor = await createDoctor();
    await mustOk(replaceWeeklyRules(doctor, { rules: [rule(2, "09:00", "12:00")] }));

    const result = await replaceWeeklyRules(doctor, { rules: [rule(1, "09:00", "12:00"), rule(1, "11:00", "13:00"), rule(2, "10:00", "09:00"), rule(3, "09:00", "10:00", 130)] });
    expect(result).toEqual({
      ok: false,
      error: {
        code: "VALIDATION",
        message: "Please correct the highlighted rows.",
        fieldErrors: {
          "rules.0.start": ["Overlaps Monday rule 2 (11:00–13:00)."],
          "rules.1.start": ["Overlaps Monday rule 1 (09:00–12:00)."],
          "rules.2.end": ["End must be after start."],
          "rules.3.slotMinutes": ["Choose a slot length between 10 and 120 minutes."],
        },
      },
    });
    expect(await storedRules(doctor.id)).toMatchObject([{ weekday: 2, startMinute: 540, endMinute: 720 }]);
    expect(await eventsOf(doctor.id, "availability.update")).toHaveLength(1);
  });

  it("refuses more than 20 rules", async () => {
    const doctor = await createDoctor();
    const many = Array.from({ length: 21 }, (_, i) => rule((i % 7) + 1, `${String(i).padStart(2, "0")}:00`, `${String(i).padStart(2, "0")}:30`));
    expect(await replaceWeeklyRules(doctor, { rules: many })).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { rules: [expect.stringContaining("at most 20")] } } });
    expect(await storedRules(doctor.id)).toEqual([]);
  });
});

describe("date exceptions", () => {
  it("adds a day off and extra hours, lists upcoming ones sorted, and audits both", async () => {
    const doctor = await createDoctor();
    const extra = await mustOk(addException(doctor, { date: localDay(9), kind: "EXTRA_HOURS", start: "18:00", end: "20:00", slotMinutes: "60", bufferMinutes: "0", note: "Evening clinic" }));
    const dayOff = await mustOk(addException(doctor, { date: localDay(0), kind: "DAY_OFF", note: " Conference " }));

    expect(dayOff).toEqual({ id: expect.any(String), date: localDay(0), kind: "DAY_OFF", note: "Conference" });
    expect(extra).toEqual({ id: expect.any(String), date: localDay(9), kind: "EXTRA_HOURS", start: "18:00", end: "20:00", slotMinutes: 60, bufferMinutes: 0, note: "Evening clinic" });
    expect((await mustOk(getOwnAvailability(doctor))).exceptions).toEqual([dayOff, extra]);
    expect((await eventsOf(doctor.id, "availability.exception.add")).map((e) => e.details)).toEqual([
      { kind: "EXTRA_HOURS", date: localDay(9) },
      { kind: "DAY_OFF", date: localDay(0) },
    ]);
  });

  it("refuses dates in the past (in the doctor's zone) or more than 365 days ahead, and extra hours without valid times", async () => {
    const doctor = await createDoctor();
    expect(await addException(doctor, { date: localDay(-1), kind: "DAY_OFF" })).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { date: ["Choose today or a later date."] } } });
    expect(await addException(doctor, { date: localDay(366), kind: "DAY_OFF" })).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { date: [expect.stringContaining("365 days")] } } });
    expect(await mustOk(addException(doctor, { date: localDay(365), kind: "DAY_OFF" }))).toMatchObject({ date: localDay(365) });
    expect(await addException(doctor, { date: localDay(3), kind: "EXTRA_HOURS", start: "15:00", end: "14:00", slotMinutes: 30 })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", fieldErrors: { end: ["End must be after start."] } },
    });
    expect(await addException(doctor, { date: localDay(3), kind: "EXTRA_HOURS" })).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { start: [expect.any(String)], end: [expect.any(String)], slotMinutes: [expect.any(String)] } } });
    expect(await db().availabilityException.count({ where: { doctorId: doctor.id } })).toBe(1);
  });

  it("refuses a second day off on the same date, also when two arrive at once, and overlapping extra hours", async () => {
    const doctor = await createDoctor();
    const date = localDay(4);
    const weekday = wallClock(at(date, 720), TIME_ZONE).weekday;
    await mustOk(replaceWeeklyRules(doctor, { rules: [rule(weekday, "09:00", "12:00")] }));

    const racing = await Promise.all([addException(doctor, { date, kind: "DAY_OFF" }), addException(doctor, { date, kind: "DAY_OFF" })]);
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(racing.filter((r) => !r.ok)).toMatchObject([{ error: { code: "CONFLICT", fieldErrors: { date: [expect.stringContaining("already have a day off")] } } }]);

    // On a day off the weekly hours do not apply, so extra hours may fall inside them.
    await mustOk(addException(doctor, { date, kind: "EXTRA_HOURS", start: "10:00", end: "11:00", slotMinutes: 30 }));
    expect(await addException(doctor, { date, kind: "EXTRA_HOURS", start: "10:30", end: "12:00", slotMinutes: 30 })).toMatchObject({ ok: false, error: { code: "CONFLICT", fieldErrors: { start: [expect.stringContaining("Overlaps extra hours")] } } });

    const workday = localDay(11);
    expect(await addException(doctor, { date: workday, kind: "EXTRA_HOURS", start: "11:00", end: "13:00", slotMinutes: 30 })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", fieldErrors: { start: [expect.stringContaining("Overlaps your weekly hours")] } },
    });
    await mustOk(addException(doctor, { date: workday, kind: "EXTRA_HOURS", start: "12:00", end: "13:00", slotMinutes: 30 }));
    expect(await db().availabilityException.count({ where: { doctorId: doctor.id } })).toBe(3);
  });

  it("removes the doctor's own exception; another doctor's id or an unknown id is not found", async () => {
    const doctor = await createDoctor();
    const other = await createDoctor();
    const { id: exceptionId } = await mustOk(addException(doctor, { date: localDay(6), kind: "DAY_OFF" }));

    expect(await removeException(other, { exceptionId })).toEqual({ ok: false, error: { code: "NOT_FOUND", message: "This exception no longer exists." } });
    expect(await db().availabilityException.count({ where: { id: exceptionId } })).toBe(1);
    expect(await db().auditEvent.findMany({ where: { actorId: other.id, action: "authz.deny" } })).toMatchObject([{ subjectId: exceptionId, details: { attempted: "availability.remove_exception" } }]);

    expect(await removeException(doctor, { exceptionId })).toEqual({ ok: true, value: { exceptionId } });
    expect(await db().availabilityException.count({ where: { id: exceptionId } })).toBe(0);
    expect(await eventsOf(doctor.id, "availability.exception.remove")).toMatchObject([{ subjectId: exceptionId, details: { kind: "DAY_OFF", date: localDay(6) } }]);

    for (const input of [{ exceptionId }, { exceptionId: randomUUID() }, { exceptionId: "not-a-uuid" }, {}]) {
      expect(await removeException(doctor, input)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    }
  });
});

describe("booking settings", () => {
  it("accepts the bounds, refuses values outside them per field, and audits only real changes", async () => {
    const doctor = await createDoctor();
    for (const [input, fields] of [
      [{ minNoticeMinutes: -1, horizonDays: 30 }, ["minNoticeMinutes"]],
      [{ minNoticeMinutes: 10_081, horizonDays: 0 }, ["minNoticeMinutes", "horizonDays"]],
      [{ minNoticeMinutes: "120", horizonDays: "366" }, ["horizonDays"]],
      [{ minNoticeMinutes: "", horizonDays: "1.5" }, ["minNoticeMinutes", "horizonDays"]],
      [{}, ["minNoticeMinutes", "horizonDays"]],
    ] as const) {
      const result = await updateBookingSettings(doctor, input);
      expect(result.ok ? [] : Object.keys(result.error.fieldErrors ?? {}).sort()).toEqual([...fields].sort());
    }

    expect(await updateBookingSettings(doctor, { minNoticeMinutes: "0", horizonDays: "1" })).toEqual({ ok: true, value: { minNoticeMinutes: 0, horizonDays: 1 } });
    expect(await updateBookingSettings(doctor, { minNoticeMinutes: 10_080, horizonDays: 365 })).toEqual({ ok: true, value: { minNoticeMinutes: 10_080, horizonDays: 365 } });
    await mustOk(updateBookingSettings(doctor, { minNoticeMinutes: 10_080, horizonDays: 365 }));
    expect(await mustOk(getOwnAvailability(doctor))).toMatchObject({ minNoticeMinutes: 10_080, horizonDays: 365 });
    expect((await eventsOf(doctor.id, "availability.settings.update")).map((e) => e.details)).toEqual([
      { changed: "minNoticeMinutes,horizonDays", minNoticeMinutes: 0, horizonDays: 1 },
      { changed: "minNoticeMinutes,horizonDays", minNoticeMinutes: 10_080, horizonDays: 365 },
    ]);
  });
});

describe("previewSlots", () => {
  it("shows the free slots patients will see: weekly rules, a day off skipped, extra hours added, booked time removed", async () => {
    const doctor = await createDoctor();
    const patient = await createPatient();
    await mustOk(updateBookingSettings(doctor, { minNoticeMinutes: 0, horizonDays: 60 }));
    await mustOk(replaceWeeklyRules(doctor, { rules: everyDay("09:00", "12:00", 30, 10) }));
    await mustOk(addException(doctor, { date: localDay(2), kind: "DAY_OFF" }));
    await mustOk(addException(doctor, { date: localDay(4), kind: "EXTRA_HOURS", start: "14:00", end: "15:00", slotMinutes: 60 }));
    await db().appointment.create({ data: { doctorId: doctor.id, patientId: patient.id, startsAt: at(localDay(3), 580), endsAt: at(localDay(3), 610), idempotencyKey: randomUUID() } });
    // A cancelled appointment frees its time again.
    await db().appointment.create({ data: { doctorId: doctor.id, patientId: patient.id, startsAt: at(localDay(5), 540), endsAt: at(localDay(5), 570), status: "CANCELLED", idempotencyKey: randomUUID() } });

    const preview = await mustOk(previewSlots(doctor, { days: 7 }));
    expect(preview.timeZone).toBe(TIME_ZONE);
    expect(preview.days.map((d) => d.date)).toEqual([0, 1, 2, 3, 4, 5, 6].map(localDay));
    const times = (offset: number) => preview.days[offset]!.slots.map((s) => s.start);
    const weekly = ["09:00", "09:40", "10:20", "11:00"];
    expect(times(1)).toEqual(weekly);
    expect(preview.days[2]).toEqual({ date: localDay(2), dayOff: true, slots: [] });
    expect(times(3)).toEqual(["09:00", "10:20", "11:00"]);
    expect(times(4)).toEqual([...weekly, "14:00"]);
    expect(times(5)).toEqual(weekly);
    expect(times(6)).toEqual(weekly);
    // Today only shows what is still ahead.
    expect(preview.days[0]!.slots.every((s) => s.startsAt > new Date())).toBe(true);

    const first = preview.days[1]!.slots[0]!;
    expect(first).toEqual({ startsAt: at(localDay(1), 540), endsAt: at(localDay(1), 570), start: "09:00", end: "09:30" });
  });

  it("honours the minimum notice and the horizon", async () => {
    const doctor = await createDoctor();
    await mustOk(replaceWeeklyRules(doctor, { rules: everyDay("09:00", "12:00", 60) }));
    await mustOk(updateBookingSettings(doctor, { minNoticeMinutes: 3 * 24 * 60, horizonDays: 5 }));

    const preview = await mustOk(previewSlots(doctor, {}));
    expect(preview.days).toHaveLength(7);
    const slots = preview.days.flatMap((d) => d.slots);
    const now = Date.now();
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.startsAt.getTime() >= now + 3 * 24 * 3_600_000 - 60_000 && s.endsAt.getTime() <= now + 5 * 24 * 3_600_000 + 60_000)).toBe(true);
    expect(preview.days[1]!.slots).toEqual([]);
    expect(preview.days[6]!.slots).toEqual([]);
  });

  it("validates the number of days", async () => {
    const doctor = await createDoctor();
    expect(await previewSlots(doctor, { days: 15 })).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { days: [expect.any(String)] } } });
    expect(await mustOk(previewSlots(doctor, { days: "3" }))).toMatchObject({ days: [{ slots: [] }, { slots: [] }, { slots: [] }] });
  });
});
