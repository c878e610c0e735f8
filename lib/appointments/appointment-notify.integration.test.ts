/**
 * Booking changes reach the other side through lib/notify (where mail delivery plugs in) once they are
 * committed, with ids only; refused requests notify no one.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);

import { useNotifier, type Notification } from "@/lib/notify/notifier";
import { createPatient, createVerifiedDoctor, deleteTestData, everyDayRules, type TestDoctor, type TestPatient } from "@/lib/testing/fixtures";
import { bookAppointment } from "./book-appointment";
import { cancelAppointment } from "./cancel-appointment";
import { listFreeSlots } from "./list-slots";
import { rescheduleAppointment } from "./reschedule-appointment";

const sent: Notification[] = [];
let doctor: TestDoctor;
let patient: TestPatient;

beforeAll(async () => {
  useNotifier({ send: async (notification) => void sent.push(notification) });
  doctor = await createVerifiedDoctor({ timeZone: "UTC", rules: everyDayRules(), minNoticeMinutes: 0 });
  patient = await createPatient();
});
afterEach(() => void sent.splice(0));
afterAll(deleteTestData);

async function freeSlots() {
  const result = await listFreeSlots(patient.actor, { doctorId: doctor.doctorId, days: 3 });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.slots.filter((slot) => slot.startsAt.getTime() > Date.now() + 3 * 3_600_000);
}

describe("appointment notifications through lib/notify", () => {
  it("tells the doctor about a booking and a move, and the patient about the doctor's cancellation", async () => {
    const [first, second] = await freeSlots();
    const booked = await bookAppointment(patient.actor, { doctorId: doctor.doctorId, startsAt: first!.startsAt.toISOString(), endsAt: first!.endsAt.toISOString(), idempotencyKey: randomUUID() });
    expect(booked.ok).toBe(true);
    const bookedId = booked.ok ? booked.value.id : "";
    expect(sent).toEqual([{ kind: "appointment_booked", recipientUserId: doctor.doctorId, variables: { appointmentId: bookedId } }]);

    const moved = await rescheduleAppointment(patient.actor, { appointmentId: bookedId, startsAt: second!.startsAt.toISOString(), endsAt: second!.endsAt.toISOString() });
    expect(moved.ok).toBe(true);
    const movedId = moved.ok ? moved.value.id : "";
    expect(sent[1]).toEqual({ kind: "appointment_rescheduled", recipientUserId: doctor.doctorId, variables: { appointmentId: movedId } });

    const cancelled = await cancelAppointment(doctor.actor, { appointmentId: movedId, reason: "The clinic is closed that day" });
    expect(cancelled.ok).toBe(true);
    expect(sent[2]).toEqual({ kind: "appointment_cancelled", recipientUserId: patient.user.id, variables: { appointmentId: movedId } });
    expect(JSON.stringify(sent)).not.toContain(patient.user.name);
  });

  it("notifies no one about a refused booking", async () => {
    const result = await bookAppointment(patient.actor, { doctorId: randomUUID(), startsAt: new Date().toISOString(), endsAt: new Date().toISOString(), idempotencyKey: randomUUID() });
    expect(result.ok).toBe(false);
    expect(sent).toEqual([]);
  });
});
