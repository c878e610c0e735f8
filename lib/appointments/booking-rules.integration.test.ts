/**
 * The booking rules against the suite's real Postgres, with real actors (sessions loaded by loadActor):
 * every bad request is refused with a clear, typed error and stores nothing; cancellation cut-offs and
 * reasons; outcomes only after the start; daylight-saving changes in the doctor's zone.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);

import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { listNotifications } from "@/lib/notifications/list-notifications";
import type { ErrorCode } from "@/lib/result";
import { createDoctor, createPatient, createVerifiedDoctor, deleteTestData, everyDayRules, type TestDoctor, type TestPatient } from "@/lib/testing/fixtures";
import { bookAppointment } from "./book-appointment";
import { cancelAppointment } from "./cancel-appointment";
import { computeFreeSlots, type Slot } from "./compute-slots";
import { listFreeSlots } from "./list-slots";
import { markAppointmentOutcome } from "./mark-outcome";
import { rescheduleAppointment } from "./reschedule-appointment";
import { REASON_MAX_LENGTH } from "./schemas";
import { OWN_OVERLAP_MESSAGE } from "./slot-check";
import { addDays, isoWeekday, offsetMinutes, type LocalDate } from "./zoned-time";

const MINUTE = 60_000;
const SLOT = 10 * MINUTE;

/** The start of a 10-minute slot (UTC grid) at least `minutes` from now. */
function slotIn(minutes: number): Slot {
  const startsAt = new Date(Math.ceil((Date.now() + minutes * MINUTE) / SLOT) * SLOT);
  return { startsAt, endsAt: new Date(startsAt.getTime() + SLOT) };
}

const iso = (slot: Slot) => ({ startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() });
const shifted = (slot: Slot, startMinutes: number, endMinutes = startMinutes): Slot => ({
  startsAt: new Date(slot.startsAt.getTime() + startMinutes * MINUTE),
  endsAt: new Date(slot.endsAt.getTime() + endMinutes * MINUTE),
});

/** Everything a refused request must leave alone. */
const storedRows = async () => ({ appointments: await db().appointment.count(), notifications: await db().notification.count() });

/** Runs a request that must be refused with `code`, and checks that it stored nothing. */
async function expectRefused(request: () => Promise<unknown>, code: ErrorCode, details: { message?: RegExp | string; fieldErrors?: string[] } = {}) {
  const before = await storedRows();
  const result = await request();
  expect(result).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
  const error = (result as { error: { message: string; fieldErrors?: Record<string, string[]> } }).error;
  // A sentence for the person, not a code or a stack trace.
  expect(error.message).toMatch(/^[A-Z].{8,}\.$/);
  if (details.message) expect(error.message).toMatch(details.message);
  for (const field of details.fieldErrors ?? []) expect(error.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
  expect(await storedRows()).toEqual(before);
}

/** An appointment written directly, for times the services rightly refuse to book (starting soon, started). */
async function insertAppointment(doctor: TestDoctor, patient: TestPatient, startsAt: Date, minutes = 10) {
  return db().appointment.create({
    data: { doctorId: doctor.doctorId, patientId: patient.user.id, startsAt, endsAt: new Date(startsAt.getTime() + minutes * MINUTE), idempotencyKey: randomUUID() },
  });
}

async function book(patient: TestPatient, doctor: TestDoctor, slot: Slot, reason = "Check-up") {
  const result = await bookAppointment(patient.actor, { doctorId: doctor.doctorId, ...iso(slot), reason, idempotencyKey: randomUUID() });
  if (!result.ok) throw new Error(`booking failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

afterAll(async () => {
  await deleteTestData();
});

describe("bookAppointment refuses bad requests and stores nothing", () => {
  /** Round the clock in 10-minute slots, UTC, with 2 hours' notice and 60 days ahead. */
  let doctor: TestDoctor;
  let patient: TestPatient;
  const bookingOf = (slot: Slot, extra: Record<string, unknown> = {}) => () =>
    bookAppointment(patient.actor, { doctorId: doctor.doctorId, ...iso(slot), reason: "Back pain", idempotencyKey: randomUUID(), ...extra });

  beforeAll(async () => {
    doctor = await createVerifiedDoctor({ name: "Ada Strict", timeZone: "UTC", rules: everyDayRules(), minNoticeMinutes: 120, horizonDays: 60 });
    patient = await createPatient();
  });

  it("accepts a proper slot (the baseline the refusals below differ from)", async () => {
    expect(await bookingOf(slotIn(180))()).toMatchObject({ ok: true, value: { status: "BOOKED", reason: "Back pain", doctorName: "Ada Strict" } });
  });

  it("refuses a slot in the past", async () => {
    await expectRefused(bookingOf(slotIn(-30)), "SLOT_UNAVAILABLE", { message: /already passed/, fieldErrors: ["slot"] });
  });

  it("refuses times that are not one of the doctor's slots: shifted by 5 minutes, or resized", async () => {
    const slot = slotIn(240);
    await expectRefused(bookingOf(shifted(slot, 5)), "SLOT_UNAVAILABLE", { message: /not one of the doctor's slots/, fieldErrors: ["slot"] });
    await expectRefused(bookingOf(shifted(slot, 0, 10)), "SLOT_UNAVAILABLE", { message: /not one of the doctor's slots/ });
    await expectRefused(bookingOf(shifted(slot, 0, -5)), "SLOT_UNAVAILABLE", { message: /not one of the doctor's slots/ });
  });

  it("refuses a time outside the doctor's weekly hours", async () => {
    const officeHours = await createVerifiedDoctor({ timeZone: "Europe/Berlin", rules: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 540, endMinute: 720, slotMinutes: 30, bufferMinutes: 0 })), minNoticeMinutes: 0 });
    const listed = await listFreeSlots(patient.actor, { doctorId: officeHours.doctorId, days: 14 });
    if (!listed.ok) throw new Error(listed.error.code);
    const first = listed.value.slots.find((s) => s.startsAt.getTime() > Date.now() + 4 * 3_600_000)!;
    // Three hours before a morning slot is 06:00-ish local: well outside 09:00–12:00.
    await expectRefused(
      () => bookAppointment(patient.actor, { doctorId: officeHours.doctorId, ...iso(shifted(first, -180)), idempotencyKey: randomUUID() }),
      "SLOT_UNAVAILABLE",
      { message: /not one of the doctor's slots/ },
    );
  });

  it("refuses an end before the start, and a zero-length appointment", async () => {
    const slot = slotIn(300);
    await expectRefused(bookingOf({ startsAt: slot.endsAt, endsAt: slot.startsAt }), "SLOT_UNAVAILABLE", { message: /end after it starts/, fieldErrors: ["slot"] });
    await expectRefused(bookingOf({ startsAt: slot.startsAt, endsAt: slot.startsAt }), "SLOT_UNAVAILABLE", { message: /end after it starts/ });
  });

  it("refuses a time overlapping the patient's own appointment with another doctor", async () => {
    const other = await createVerifiedDoctor({ timeZone: "UTC", rules: everyDayRules(), minNoticeMinutes: 0 });
    const slot = slotIn(360);
    await book(patient, other, slot);
    await expectRefused(bookingOf(slot), "CONFLICT", { message: OWN_OVERLAP_MESSAGE, fieldErrors: ["slot"] });
    // A half-hour visit with a third doctor that covers the booked ten minutes collides as well.
    const halfHours = await createVerifiedDoctor({ timeZone: "UTC", rules: everyDayRules({ slotMinutes: 30 }), minNoticeMinutes: 0 });
    const covering = { startsAt: new Date(Math.floor(slot.startsAt.getTime() / (30 * MINUTE)) * 30 * MINUTE), endsAt: new Date(Math.floor(slot.startsAt.getTime() / (30 * MINUTE)) * 30 * MINUTE + 30 * MINUTE) };
    await expectRefused(() => bookAppointment(patient.actor, { doctorId: halfHours.doctorId, ...iso(covering), idempotencyKey: randomUUID() }), "CONFLICT", { message: OWN_OVERLAP_MESSAGE });
  });

  it("answers NOT_FOUND for a doctor who is pending, rejected or suspended, and for a made-up doctor id", async () => {
    const slot = slotIn(420);
    for (const verification of ["PENDING", "REJECTED", "SUSPENDED"] as const) {
      const unbookable = await createDoctor({ verification, timeZone: "UTC", rules: everyDayRules(), minNoticeMinutes: 0 });
      await expectRefused(() => bookAppointment(patient.actor, { doctorId: unbookable.doctorId, ...iso(slot), idempotencyKey: randomUUID() }), "NOT_FOUND");
      expect(await listFreeSlots(patient.actor, { doctorId: unbookable.doctorId })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    }
    await expectRefused(bookingOf(slot, { doctorId: randomUUID() }), "NOT_FOUND");
    await expectRefused(bookingOf(slot, { doctorId: "1 OR 1=1" }), "VALIDATION", { fieldErrors: ["doctorId"] });
  });

  it(`refuses a reason over ${REASON_MAX_LENGTH} characters with a field error, and accepts exactly ${REASON_MAX_LENGTH}`, async () => {
    await expectRefused(bookingOf(slotIn(480), { reason: "x".repeat(REASON_MAX_LENGTH + 1) }), "VALIDATION", { message: /correct the highlighted fields/, fieldErrors: ["reason"] });
    expect(await bookingOf(slotIn(480), { reason: "x".repeat(REASON_MAX_LENGTH) })()).toMatchObject({ ok: true });
  });

  it("refuses a slot beyond the booking horizon and one inside the minimum notice", async () => {
    await expectRefused(bookingOf(slotIn(61 * 24 * 60)), "SLOT_UNAVAILABLE", { message: /open 60 days ahead/ });
    await expectRefused(bookingOf(slotIn(60)), "SLOT_UNAVAILABLE", { message: /needs at least 2 hours' notice/ });
  });

  it("refuses malformed times and keys, and anyone but a signed-in patient", async () => {
    await expectRefused(bookingOf(slotIn(540), { startsAt: "tomorrow at nine" }), "VALIDATION", { fieldErrors: ["startsAt"] });
    await expectRefused(bookingOf(slotIn(540), { idempotencyKey: "again" }), "VALIDATION", { fieldErrors: ["idempotencyKey"] });
    await expectRefused(() => bookAppointment(null, { doctorId: doctor.doctorId, ...iso(slotIn(540)), idempotencyKey: randomUUID() }), "UNAUTHENTICATED");
    await expectRefused(() => bookAppointment(doctor.actor, { doctorId: doctor.doctorId, ...iso(slotIn(540)), idempotencyKey: randomUUID() }), "FORBIDDEN");
  });
});

describe("other patients' appointments", () => {
  it("answer NOT_FOUND to cancel and reschedule, exactly like ids that do not exist, and stay unchanged", async () => {
    const doctor = await createVerifiedDoctor({ timeZone: "UTC", rules: everyDayRules(), minNoticeMinutes: 0 });
    const [owner, intruder] = [await createPatient(), await createPatient()];
    const appointment = await book(owner, doctor, slotIn(180));
    const before = await db().appointment.findUniqueOrThrow({ where: { id: appointment.id } });

    await expectRefused(() => cancelAppointment(intruder.actor, { appointmentId: appointment.id }), "NOT_FOUND");
    await expectRefused(() => rescheduleAppointment(intruder.actor, { appointmentId: appointment.id, ...iso(slotIn(240)) }), "NOT_FOUND");
    await expectRefused(() => cancelAppointment(intruder.actor, { appointmentId: randomUUID() }), "NOT_FOUND");
    await expectRefused(() => rescheduleAppointment(intruder.actor, { appointmentId: randomUUID(), ...iso(slotIn(240)) }), "NOT_FOUND");
    // Nor may another doctor cancel it or mark its outcome.
    const otherDoctor = await createVerifiedDoctor();
    await expectRefused(() => cancelAppointment(otherDoctor.actor, { appointmentId: appointment.id, reason: "Not my patient." }), "NOT_FOUND");
    await expectRefused(() => markAppointmentOutcome(otherDoctor.actor, { appointmentId: appointment.id, outcome: "NO_SHOW" }), "NOT_FOUND");
    expect(await db().appointment.findUniqueOrThrow({ where: { id: appointment.id } })).toEqual(before);
  });
});

describe("cancelling", () => {
  let doctor: TestDoctor;
  let patient: TestPatient;

  beforeAll(async () => {
    doctor = await createVerifiedDoctor({ name: "Ben Cancel", timeZone: "UTC", rules: everyDayRules(), minNoticeMinutes: 0 });
    patient = await createPatient({ name: "Pat Cancel" });
  });

  it("refuses a patient within an hour of the start (CUTOFF), to cancel and to move, leaving the visit booked", async () => {
    const soon = await insertAppointment(doctor, patient, slotIn(30).startsAt);
    await expectRefused(() => cancelAppointment(patient.actor, { appointmentId: soon.id }), "CUTOFF", { message: /call the clinic/ });
    await expectRefused(() => rescheduleAppointment(patient.actor, { appointmentId: soon.id, ...iso(slotIn(600)) }), "CUTOFF");
    expect(await db().appointment.findUniqueOrThrow({ where: { id: soon.id } })).toEqual(soon);
  });

  it("lets a patient cancel earlier than that: the doctor is told and the slot is free again", async () => {
    const slot = slotIn(180);
    const appointment = await book(patient, doctor, slot);
    const result = await cancelAppointment(patient.actor, { appointmentId: appointment.id });

    expect(result).toMatchObject({ ok: true, value: { id: appointment.id, status: "CANCELLED", cancelledBy: "PATIENT", cancellationReason: null } });
    const bell = await listNotifications(doctor.actor);
    expect(bell.ok && bell.value.items.find((n) => n.kind === "appointment.cancelled")).toMatchObject({ text: "Pat Cancel cancelled an appointment", appointmentStartsAt: slot.startsAt });
    const listed = await listFreeSlots(patient.actor, { doctorId: doctor.doctorId, days: 2 });
    expect(listed.ok && listed.value.slots.some((s) => s.startsAt.getTime() === slot.startsAt.getTime())).toBe(true);
    await expectRefused(() => cancelAppointment(patient.actor, { appointmentId: appointment.id }), "CONFLICT", { message: /no longer booked/ });
  });

  it("requires a doctor to give the patient a reason; with one it succeeds and the patient is notified", async () => {
    const appointment = await book(patient, doctor, slotIn(240));
    await expectRefused(() => cancelAppointment(doctor.actor, { appointmentId: appointment.id }), "VALIDATION", { message: /why the visit is cancelled/, fieldErrors: ["reason"] });
    await expectRefused(() => cancelAppointment(doctor.actor, { appointmentId: appointment.id, reason: "   " }), "VALIDATION", { fieldErrors: ["reason"] });

    const reason = "I am away at a conference that day.";
    const result = await cancelAppointment(doctor.actor, { appointmentId: appointment.id, reason: `  ${reason} ` });
    expect(result).toMatchObject({ ok: true, value: { status: "CANCELLED", cancelledBy: "DOCTOR", cancellationReason: reason } });
    const bell = await listNotifications(patient.actor);
    expect(bell).toMatchObject({ ok: true, value: { unread: expect.any(Number) } });
    const notice = bell.ok ? bell.value.items.find((n) => n.kind === "appointment.cancelled") : undefined;
    expect(notice).toMatchObject({ text: "Dr. Ben Cancel cancelled an appointment", read: false });
    expect(await db().auditEvent.count({ where: { action: "appointment.cancel", subjectId: appointment.id, actorId: doctor.doctorId } })).toBe(1);
  });

  it("lets a doctor cancel even inside the patient's cut-off", async () => {
    const soon = await insertAppointment(doctor, patient, slotIn(20).startsAt);
    expect(await cancelAppointment(doctor.actor, { appointmentId: soon.id, reason: "Called away to an emergency." })).toMatchObject({ ok: true, value: { status: "CANCELLED" } });
  });
});

describe("marking the outcome of a visit", () => {
  it("is refused before the start, allowed once it started, and only once", async () => {
    const doctor = await createVerifiedDoctor({ timeZone: "UTC", rules: everyDayRules(), minNoticeMinutes: 0 });
    const patient = await createPatient();
    const upcoming = await book(patient, doctor, slotIn(120));
    await expectRefused(() => markAppointmentOutcome(doctor.actor, { appointmentId: upcoming.id, outcome: "COMPLETED" }), "CONFLICT", { message: /once it has started/ });

    const started = await insertAppointment(doctor, patient, new Date(Date.now() - 5 * MINUTE));
    await expectRefused(() => markAppointmentOutcome(patient.actor, { appointmentId: started.id, outcome: "COMPLETED" }), "NOT_FOUND");
    expect(await markAppointmentOutcome(doctor.actor, { appointmentId: started.id, outcome: "COMPLETED" })).toEqual({ ok: true, value: null });
    expect((await db().appointment.findUniqueOrThrow({ where: { id: started.id } })).status).toBe("COMPLETED");
    await expectRefused(() => markAppointmentOutcome(doctor.actor, { appointmentId: started.id, outcome: "NO_SHOW" }), "CONFLICT");
  });
});

describe("daylight-saving changes in the doctor's zone", () => {
  const BERLIN = "Europe/Berlin";
  /** Mondays 09:00–10:00 Berlin time, in half hours. */
  const mondayMorning = [{ weekday: 1, startMinute: 540, endMinute: 600, slotMinutes: 30, bufferMinutes: 0 }];
  const utcDate = (date: LocalDate, hour: number, minute = 0) => new Date(Date.UTC(date.year, date.month - 1, date.day, hour, minute));

  /** The first Monday after Berlin's next change of UTC offset in `direction`, found by scanning days from today. */
  function mondayAfterNextChange(direction: "forward" | "back"): LocalDate {
    const today = new Date();
    let date: LocalDate = { year: today.getUTCFullYear(), month: today.getUTCMonth() + 1, day: today.getUTCDate() };
    for (let days = 0; days < 400; days++, date = addDays(date, 1)) {
      const change = offsetMinutes(utcDate(addDays(date, 1), 12), BERLIN) - offsetMinutes(utcDate(date, 12), BERLIN);
      if ((direction === "forward" && change > 0) || (direction === "back" && change < 0)) {
        let monday = addDays(date, 1);
        while (isoWeekday(monday) !== 1) monday = addDays(monday, 1);
        return monday;
      }
    }
    throw new Error("no daylight-saving change in Berlin within 400 days");
  }

  let doctor: TestDoctor;
  let patient: TestPatient;
  let actor: Actor;

  beforeAll(async () => {
    doctor = await createVerifiedDoctor({ timeZone: BERLIN, rules: mondayMorning, minNoticeMinutes: 0, horizonDays: 400 });
    patient = await createPatient();
    actor = patient.actor;
  });

  it("keeps 09:00 at 09:00 local after clocks go forward: 07:00Z that Monday, 08:00Z the Monday before, and books it", async () => {
    const monday = mondayAfterNextChange("forward");
    const weekBefore = addDays(monday, -7);
    const engine = (date: LocalDate) =>
      computeFreeSlots({ timeZone: BERLIN, rules: mondayMorning, exceptions: [], busy: [], now: new Date(), minNoticeMinutes: 0, horizonDays: 400, from: utcDate(date, 0), to: utcDate(date, 24) }).map((s) =>
        s.startsAt.toISOString(),
      );
    // 2026-03-30 when run before that spring; computed rather than hard-coded so the test never goes stale.
    expect(engine(monday)).toEqual([utcDate(monday, 7).toISOString(), utcDate(monday, 7, 30).toISOString()]);
    // The week before can already be past; when it is not, it shows the winter offset.
    if (utcDate(weekBefore, 8) > new Date()) expect(engine(weekBefore)).toEqual([utcDate(weekBefore, 8).toISOString(), utcDate(weekBefore, 8, 30).toISOString()]);

    const slot = { startsAt: utcDate(monday, 7), endsAt: utcDate(monday, 7, 30) };
    const booked = await bookAppointment(actor, { doctorId: doctor.doctorId, ...iso(slot), idempotencyKey: randomUUID() });
    expect(booked).toMatchObject({ ok: true, value: { startsAt: slot.startsAt, endsAt: slot.endsAt, doctorTimeZone: BERLIN } });
    // 08:00Z is 10:00 in summer time: outside the rule.
    await expectRefused(() => bookAppointment(actor, { doctorId: doctor.doctorId, ...iso(shifted(slot, 60)), idempotencyKey: randomUUID() }), "SLOT_UNAVAILABLE");
  });

  it("keeps 09:00 at 09:00 local after clocks go back: 08:00Z, and refuses the summer-time instant", async () => {
    const monday = mondayAfterNextChange("back");
    const slot = { startsAt: utcDate(monday, 8), endsAt: utcDate(monday, 8, 30) };
    expect(await bookAppointment(actor, { doctorId: doctor.doctorId, ...iso(slot), idempotencyKey: randomUUID() })).toMatchObject({ ok: true, value: { startsAt: slot.startsAt } });
    // 07:00Z is 08:00 in winter time: before the rule's window.
    await expectRefused(() => bookAppointment(actor, { doctorId: doctor.doctorId, ...iso(shifted(slot, -60)), idempotencyKey: randomUUID() }), "SLOT_UNAVAILABLE");
  });
});
