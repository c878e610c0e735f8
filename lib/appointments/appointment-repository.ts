import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { DateException, Slot, WeeklyRule } from "./compute-slots";
import { localDateKey, wallClock } from "./zoned-time";

type Tx = Prisma.TransactionClient;

export interface BookableDoctor {
  userId: string;
  name: string;
  timeZone: string;
  minNoticeMinutes: number;
  horizonDays: number;
  rules: WeeklyRule[];
  exceptions: DateException[];
}

/** A doctor patients may book: verified, with an active account. Anything else reads as absent. */
export async function findBookableDoctor(doctorId: string, tx: Tx = db()): Promise<BookableDoctor | null> {
  const doctor = await tx.doctorProfile.findFirst({
    where: { userId: doctorId, verification: "VERIFIED", user: { status: "ACTIVE" } },
    include: { user: { select: { name: true } }, availability: true, exceptions: { where: { date: { gte: new Date(Date.now() - 2 * 24 * 3_600_000) } } } },
  });
  if (!doctor) return null;
  return {
    userId: doctor.userId,
    name: doctor.user.name,
    timeZone: doctor.timeZone,
    minNoticeMinutes: doctor.minNoticeMinutes,
    horizonDays: doctor.horizonDays,
    rules: doctor.availability.map((r) => ({ weekday: r.weekday, startMinute: r.startMinute, endMinute: r.endMinute, slotMinutes: r.slotMinutes, bufferMinutes: r.bufferMinutes })),
    exceptions: doctor.exceptions.map((e) => {
      const date = localDateKey(wallClock(e.date, "UTC"));
      return e.kind === "DAY_OFF"
        ? { date, kind: "DAY_OFF" as const }
        : { date, kind: "EXTRA_HOURS" as const, startMinute: e.startMinute ?? 0, endMinute: e.endMinute ?? 0, slotMinutes: e.slotMinutes ?? 30, bufferMinutes: e.bufferMinutes ?? 0 };
    }),
  };
}

/** The doctor's BOOKED ranges overlapping [from, to), optionally ignoring one appointment (being rescheduled). */
export async function findBusyRanges(doctorId: string, from: Date, to: Date, exceptAppointmentId?: string, tx: Tx = db()): Promise<Slot[]> {
  return tx.appointment.findMany({
    where: { doctorId, status: "BOOKED", startsAt: { lt: to }, endsAt: { gt: from }, ...(exceptAppointmentId ? { id: { not: exceptAppointmentId } } : {}) },
    select: { startsAt: true, endsAt: true },
  });
}

export interface NewAppointment {
  id: string;
  doctorId: string;
  patientId: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  idempotencyKey: string;
  rescheduledFromId?: string;
}

/**
 * Inserts a BOOKED appointment unless it collides with the doctor's or the patient's booked time (or the
 * patient's idempotency key): false then. INSERT … ON CONFLICT DO NOTHING rather than a plain INSERT:
 * two plain INSERTs of overlapping ranges at once deadlock, because Postgres enters each one's exclusion
 * index entry before checking it, so each waits for the other; one fails only after deadlock_timeout (1 s)
 * with 40P01 instead of 23P01, holding a pooled connection all along (20 patients racing for one slot
 * produced exactly that). With ON CONFLICT, Postgres checks before inserting and waits for a conflicting
 * transaction's outcome without deadlocking, so the losers learn of the committed winner at once.
 */
export async function insertUnlessTaken(tx: Tx, appointment: NewAppointment): Promise<boolean> {
  const { count } = await tx.appointment.createMany({ data: [appointment], skipDuplicates: true });
  return count === 1;
}

/** Whose booked time [startsAt, endsAt) collides with: the doctor's first, then the patient's own; null when free. */
export async function bookedOverlap(doctorId: string, patientId: string, slot: Slot, exceptAppointmentId?: string, tx: Tx = db()): Promise<"DOCTOR" | "PATIENT" | null> {
  const overlapping = { status: "BOOKED" as const, startsAt: { lt: slot.endsAt }, endsAt: { gt: slot.startsAt }, ...(exceptAppointmentId ? { id: { not: exceptAppointmentId } } : {}) };
  if (await tx.appointment.findFirst({ where: { doctorId, ...overlapping }, select: { id: true } })) return "DOCTOR";
  if (await tx.appointment.findFirst({ where: { patientId, ...overlapping }, select: { id: true } })) return "PATIENT";
  return null;
}
