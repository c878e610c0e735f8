import "server-only";
import { db } from "@/lib/db/client";
import { appointmentMails } from "./appointment-mail";
import { mailIdempotencyKey, queueMail } from "./outbox";

const HOUR_MS = 3_600_000;

/**
 * Worker task: queues the 24-hour and 1-hour reminders of booked appointments and the notice to a doctor
 * whose access to a patient's records ends within a day. Safe to run at any rate and after any restart:
 * each mail's idempotency key (`reminder.24h:<appointmentId>:<patientId>`, …) exists at most once.
 * An appointment booked less than an hour ahead gets only the 1-hour reminder.
 */
export async function queueReminders(now = new Date()): Promise<{ queued: number }> {
  const soon = await db().appointment.findMany({
    where: { status: "BOOKED", startsAt: { gt: now, lte: new Date(now.getTime() + 24 * HOUR_MS) } },
    select: { id: true, patientId: true, startsAt: true },
    orderBy: { startsAt: "asc" },
    take: 500,
  });
  const reminders = soon.map((a) => ({ ...a, template: a.startsAt.getTime() - now.getTime() <= HOUR_MS ? ("reminder.1h" as const) : ("reminder.24h" as const) }));
  const queuedBefore = await alreadyQueued(reminders.map((r) => mailIdempotencyKey({ template: r.template, subjectId: r.id, userId: r.patientId })));
  let queued = 0;
  for (const appointment of reminders) {
    const { template } = appointment;
    if (queuedBefore.has(mailIdempotencyKey({ template, subjectId: appointment.id, userId: appointment.patientId }))) continue;
    queued += await db().$transaction(async (tx) => queueMail(tx, await appointmentMails(tx, template, appointment.id, ["patient"])));
  }
  const ending = await db().accessGrant.findMany({
    where: { state: "ACTIVE", notAfter: { gt: now, lte: new Date(now.getTime() + 24 * HOUR_MS) } },
    select: { id: true, doctorId: true, notAfter: true, doctor: { select: { timeZone: true } } },
    take: 500,
  });
  const noticedBefore = await alreadyQueued(ending.map((g) => mailIdempotencyKey({ template: "access.expiring", subjectId: g.id, userId: g.doctorId })));
  for (const grant of ending) {
    if (noticedBefore.has(mailIdempotencyKey({ template: "access.expiring", subjectId: grant.id, userId: grant.doctorId }))) continue;
    queued += await db().$transaction((tx) =>
      queueMail(tx, [{ template: "access.expiring", userId: grant.doctorId, subjectId: grant.id, data: { grantId: grant.id, endsAt: grant.notAfter!.toISOString(), timeZone: grant.doctor.timeZone } }]),
    );
  }
  return { queued };
}

/** Keys already in the outbox: most runs find every candidate queued and open no transaction at all. */
async function alreadyQueued(keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db().mailOutbox.findMany({ where: { idempotencyKey: { in: keys } }, select: { idempotencyKey: true } });
  return new Set(rows.map((r) => r.idempotencyKey));
}
