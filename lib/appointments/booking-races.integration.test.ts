/**
 * Booking under contention against the suite's real Postgres: many patients racing for one slot, a
 * reschedule racing a booking into the same slot, and one submit repeated concurrently. The exclusion
 * constraints are what must hold here; the services must turn every lost race into a typed result.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);

import { db } from "@/lib/db/client";
import type { Result } from "@/lib/result";
import { createPatient, createVerifiedDoctor, deleteTestData, everyDayRules, type TestDoctor, type TestPatient } from "@/lib/testing/fixtures";
import { bookAppointment } from "./book-appointment";
import type { Slot } from "./compute-slots";
import type { AppointmentDto } from "./dtos";
import { listFreeSlots } from "./list-slots";
import { rescheduleAppointment } from "./reschedule-appointment";
import { SLOT_TAKEN_MESSAGE } from "./slot-check";

const RACE_ROUNDS = 200;
const RACERS = 20;
const RESCHEDULE_ROUNDS = 60;
const IDEMPOTENT_ROUNDS = 20;
const IDEMPOTENT_SUBMITS = 10;

const iso = (slot: Slot) => ({ startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() });

/** A round-the-clock doctor in UTC with 10-minute slots, bookable right away, 60 days ahead. */
const openDoctor = () => createVerifiedDoctor({ timeZone: "UTC", rules: everyDayRules(), minNoticeMinutes: 0, horizonDays: 60 });

/** Free slots from the service, skipping the first hour so none turns past while the test runs. */
async function freeSlots(patient: TestPatient, doctor: TestDoctor, count: number): Promise<Slot[]> {
  const listed = await listFreeSlots(patient.actor, { doctorId: doctor.doctorId, days: 14 });
  if (!listed.ok) throw new Error(`listFreeSlots failed: ${listed.error.code}`);
  const later = listed.value.slots.filter((s) => s.startsAt.getTime() > Date.now() + 3_600_000);
  expect(later.length).toBeGreaterThanOrEqual(count);
  return later.slice(0, count);
}

/** Settles every call; a throw is a bug (it would be a 500), so it is kept for the assertion message. */
async function settle<T>(calls: Promise<Result<T>>[]): Promise<{ results: Result<T>[]; thrown: string[] }> {
  const settled = await Promise.allSettled(calls);
  return {
    results: settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : [])),
    thrown: settled.flatMap((s) => (s.status === "rejected" ? [String(s.reason instanceof Error ? s.reason.message : s.reason)] : [])),
  };
}

const bookedAt = (doctorId: string, slot: Slot) => db().appointment.findMany({ where: { doctorId, status: "BOOKED", startsAt: slot.startsAt } });

afterAll(async () => {
  await deleteTestData();
});

describe("many patients booking one slot at once", () => {
  let doctor: TestDoctor;
  let patients: TestPatient[];

  beforeAll(async () => {
    doctor = await openDoctor();
    patients = await Promise.all(Array.from({ length: RACERS }, () => createPatient()));
  });

  it(`gives each of ${RACE_ROUNDS} slots to exactly one of ${RACERS} concurrent patients; every other one reads SLOT_TAKEN`, { timeout: 180_000 }, async () => {
    const slots = await freeSlots(patients[0]!, doctor, RACE_ROUNDS);
    const failures: string[] = [];

    for (const [round, slot] of slots.entries()) {
      const { results, thrown } = await settle(
        patients.map((patient) => bookAppointment(patient.actor, { doctorId: doctor.doctorId, ...iso(slot), reason: `Round ${round}`, idempotencyKey: randomUUID() })),
      );
      const winners = results.filter((r) => r.ok);
      const losers = results.filter((r) => !r.ok);
      const takenLosers = losers.filter((r) => r.error.code === "SLOT_TAKEN" && r.error.message === SLOT_TAKEN_MESSAGE);
      if (thrown.length > 0 || winners.length !== 1 || takenLosers.length !== RACERS - 1) {
        failures.push(`round ${round}: ${winners.length} won, ${takenLosers.length} SLOT_TAKEN, other results ${JSON.stringify(losers.filter((r) => !takenLosers.includes(r)).map((r) => r.error))}, thrown ${JSON.stringify(thrown)}`);
      }
    }

    expect(failures).toEqual([]);
    const perSlot = await db().appointment.groupBy({ by: ["startsAt"], where: { doctorId: doctor.doctorId, status: "BOOKED" }, _count: { _all: true } });
    expect(perSlot).toHaveLength(RACE_ROUNDS);
    expect(perSlot.filter((g) => g._count._all !== 1)).toEqual([]);
    expect(await db().appointment.count({ where: { doctorId: doctor.doctorId } })).toBe(RACE_ROUNDS);
  });
});

describe("a reschedule racing a booking into the same slot", () => {
  it(`lets exactly one of them have the slot in each of ${RESCHEDULE_ROUNDS} rounds; a losing reschedule leaves the original untouched`, { timeout: 120_000 }, async () => {
    const doctor = await openDoctor();
    const [mover, booker] = [await createPatient(), await createPatient()];
    const slots = await freeSlots(mover, doctor, RESCHEDULE_ROUNDS * 2);
    const failures: string[] = [];
    const wins = { reschedule: 0, booking: 0 };

    for (let round = 0; round < RESCHEDULE_ROUNDS; round++) {
      const [from, target] = [slots[2 * round]!, slots[2 * round + 1]!];
      const original = await bookAppointment(mover.actor, { doctorId: doctor.doctorId, ...iso(from), reason: "Follow-up", idempotencyKey: randomUUID() });
      if (!original.ok) throw new Error(`setup booking failed: ${original.error.code}`);
      const before = await db().appointment.findUniqueOrThrow({ where: { id: original.value.id } });

      const reschedule = rescheduleAppointment(mover.actor, { appointmentId: original.value.id, ...iso(target) });
      const booking = bookAppointment(booker.actor, { doctorId: doctor.doctorId, ...iso(target), idempotencyKey: randomUUID() });
      // Alternate who is sent first, so neither side always gets the head start.
      const { results, thrown } = await settle<AppointmentDto>(round % 2 === 0 ? [reschedule, booking] : [booking, reschedule]);
      const [moved, booked] = round % 2 === 0 ? results : [results[1], results[0]];
      const holders = await bookedAt(doctor.doctorId, target);
      const after = await db().appointment.findUniqueOrThrow({ where: { id: original.value.id } });

      const problem = (() => {
        if (thrown.length > 0) return `thrown ${JSON.stringify(thrown)}`;
        if (!moved || !booked || moved.ok === booked.ok) return `expected exactly one winner, got ${JSON.stringify([moved, booked])}`;
        if (holders.length !== 1) return `${holders.length} BOOKED rows in the slot`;
        if (moved.ok) {
          wins.reschedule += 1;
          if (booked.ok || booked.error.code !== "SLOT_TAKEN") return `booking lost with ${JSON.stringify(booked)}`;
          if (holders[0]!.id !== moved.value.id || holders[0]!.rescheduledFromId !== before.id) return "the slot is not held by the moved appointment";
          if (after.status !== "CANCELLED" || after.cancellationReason !== "Rescheduled") return `original is ${after.status} after a successful move`;
          return undefined;
        }
        wins.booking += 1;
        if (moved.error.code !== "SLOT_TAKEN") return `reschedule lost with ${JSON.stringify(moved.error)}`;
        if (!booked.ok || holders[0]!.id !== booked.value.id) return "the slot is not held by the booking";
        if (JSON.stringify(after) !== JSON.stringify(before)) return `original changed: ${JSON.stringify({ before, after })}`;
        return undefined;
      })();
      if (problem) failures.push(`round ${round}: ${problem}`);
    }

    expect(failures).toEqual([]);
    expect(wins.reschedule + wins.booking).toBe(RESCHEDULE_ROUNDS);
    const perSlot = await db().appointment.groupBy({ by: ["startsAt"], where: { doctorId: doctor.doctorId, status: "BOOKED" }, _count: { _all: true } });
    expect(perSlot.filter((g) => g._count._all !== 1)).toEqual([]);
  });
});

describe("one submit repeated concurrently (double click, retry)", () => {
  it(`stores one appointment and answers all ${IDEMPOTENT_SUBMITS} submits identically, in each of ${IDEMPOTENT_ROUNDS} rounds`, { timeout: 120_000 }, async () => {
    const doctor = await openDoctor();
    const patient = await createPatient();
    const slots = await freeSlots(patient, doctor, IDEMPOTENT_ROUNDS);
    const failures: string[] = [];

    for (const [round, slot] of slots.entries()) {
      const input = { doctorId: doctor.doctorId, ...iso(slot), reason: "Persistent cough", idempotencyKey: randomUUID() };
      const { results, thrown } = await settle(Array.from({ length: IDEMPOTENT_SUBMITS }, () => bookAppointment(patient.actor, input)));
      const stored = await db().appointment.findMany({ where: { patientId: patient.user.id, idempotencyKey: input.idempotencyKey } });
      const first = results[0];
      if (thrown.length > 0 || !first?.ok || results.some((r) => JSON.stringify(r) !== JSON.stringify(first)) || stored.length !== 1) {
        failures.push(`round ${round}: thrown ${JSON.stringify(thrown)}, results ${JSON.stringify(results.map((r) => (r.ok ? r.value.id : r.error.code)))}, ${stored.length} rows`);
        continue;
      }
      // Deep equality of the DTOs themselves (Dates included), not only of their JSON.
      for (const result of results) expect(result).toEqual(first);
      expect(first.value).toMatchObject({ id: stored[0]!.id, status: "BOOKED", reason: "Persistent cough", doctorId: doctor.doctorId, startsAt: slot.startsAt, endsAt: slot.endsAt });
      expect(await db().notification.count({ where: { appointmentId: stored[0]!.id } })).toBe(1);
      expect(await db().auditEvent.count({ where: { action: "appointment.book", subjectId: stored[0]!.id } })).toBe(1);
    }

    expect(failures).toEqual([]);
  });

  it("answers a later retry of a stored submit with the first booking, even with other times in it", async () => {
    const doctor = await openDoctor();
    const patient = await createPatient();
    const [slot, other] = await freeSlots(patient, doctor, 2);
    const input = { doctorId: doctor.doctorId, ...iso(slot!), idempotencyKey: randomUUID() };
    const first = await bookAppointment(patient.actor, input);
    expect(first.ok).toBe(true);

    expect(await bookAppointment(patient.actor, input)).toEqual(first);
    expect(await bookAppointment(patient.actor, { ...input, ...iso(other!) })).toEqual(first);
    expect(await db().appointment.count({ where: { patientId: patient.user.id } })).toBe(1);
  });
});
