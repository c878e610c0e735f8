/**
 * Booking changes queue their mails in the same transaction as the change (lib/mail/outbox), with the
 * doctor's name and time zone but never the patient's name or the visit's reason; refused requests
 * queue nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);

import { db } from "@/lib/db/client";
import { createPatient, createVerifiedDoctor, deleteTestData, everyDayRules, type TestDoctor, type TestPatient } from "@/lib/testing/fixtures";
import { bookAppointment } from "./book-appointment";
import { cancelAppointment } from "./cancel-appointment";
import { listFreeSlots } from "./list-slots";
import { rescheduleAppointment } from "./reschedule-appointment";

let doctor: TestDoctor;
let patient: TestPatient;

beforeAll(async () => {
  doctor = await createVerifiedDoctor({ timeZone: "Europe/Amsterdam", rules: everyDayRules(), minNoticeMinutes: 0 });
  patient = await createPatient();
});
afterAll(deleteTestData);

async function freeSlots() {
  const result = await listFreeSlots(patient.actor, { doctorId: doctor.doctorId, days: 3 });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.slots.filter((slot) => slot.startsAt.getTime() > Date.now() + 3 * 3_600_000);
}

const outboxOf = (userIds: string[]) => db().mailOutbox.findMany({ where: { userId: { in: userIds } }, orderBy: [{ createdAt: "asc" }, { idempotencyKey: "asc" }], select: { idempotencyKey: true, template: true, userId: true, data: true } });

describe("appointment mail through the outbox", () => {
  it("queues booked and moved for both sides and the doctor's cancellation for the patient", async () => {
    const [first, second] = await freeSlots();
    const booked = await bookAppointment(patient.actor, { doctorId: doctor.doctorId, startsAt: first!.startsAt.toISOString(), endsAt: first!.endsAt.toISOString(), reason: "Chest pain since Tuesday", idempotencyKey: randomUUID() });
    expect(booked.ok).toBe(true);
    const bookedId = booked.ok ? booked.value.id : "";
    const moved = await rescheduleAppointment(patient.actor, { appointmentId: bookedId, startsAt: second!.startsAt.toISOString(), endsAt: second!.endsAt.toISOString() });
    expect(moved.ok).toBe(true);
    const movedId = moved.ok ? moved.value.id : "";
    expect((await cancelAppointment(doctor.actor, { appointmentId: movedId, reason: "The clinic is closed that day" })).ok).toBe(true);

    const rows = await outboxOf([patient.user.id, doctor.doctorId]);
    const summary = rows.map((r) => `${r.template}→${r.userId === patient.user.id ? "patient" : "doctor"}`).sort();
    expect(summary).toEqual(["appointment.booked→doctor", "appointment.booked→patient", "appointment.cancelled→patient", "appointment.rescheduled→doctor", "appointment.rescheduled→patient"]);
    expect(rows.find((r) => r.template === "appointment.booked" && r.userId === patient.user.id)).toMatchObject({
      idempotencyKey: `appointment.booked:${bookedId}:${patient.user.id}`,
      data: { appointmentId: bookedId, startsAt: first!.startsAt.toISOString(), timeZone: "Europe/Amsterdam", doctorName: doctor.user.name },
    });
    expect(rows.find((r) => r.template === "appointment.booked" && r.userId === doctor.doctorId)?.data).toMatchObject({ doctorName: null });
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain(patient.user.name);
    expect(everything).not.toContain("Chest pain");
    expect(everything).not.toContain("clinic is closed");
  });

  it("queues nothing for a refused booking", async () => {
    const before = await db().mailOutbox.count({ where: { userId: patient.user.id } });
    const result = await bookAppointment(patient.actor, { doctorId: randomUUID(), startsAt: new Date().toISOString(), endsAt: new Date().toISOString(), idempotencyKey: randomUUID() });
    expect(result.ok).toBe(false);
    expect(await db().mailOutbox.count({ where: { userId: patient.user.id } })).toBe(before);
  });
});
