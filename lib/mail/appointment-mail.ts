import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import type { MailTemplate } from "./categories";
import { queueMail, type QueuedMail } from "./outbox";

type Tx = Prisma.TransactionClient;

/**
 * Mails about one appointment, built in the caller's transaction. The doctor's name and time zone come
 * from the database at this moment; a patient's name never goes into a mail (the doctor reads it in
 * the app), nor the visit's reason.
 */
export async function appointmentMails(tx: Tx, template: MailTemplate, appointmentId: string, recipients: ("patient" | "doctor")[]): Promise<QueuedMail[]> {
  const appointment = await tx.appointment.findUniqueOrThrow({
    where: { id: appointmentId },
    select: { patientId: true, doctorId: true, startsAt: true, doctor: { select: { timeZone: true, user: { select: { name: true } } } } },
  });
  const base = { appointmentId, startsAt: appointment.startsAt.toISOString(), timeZone: appointment.doctor.timeZone };
  return recipients.map((recipient) => ({
    template,
    userId: recipient === "patient" ? appointment.patientId : appointment.doctorId,
    subjectId: appointmentId,
    data: { ...base, doctorName: recipient === "patient" ? appointment.doctor.user.name : null },
  }));
}

export async function queueAppointmentMail(tx: Tx, template: MailTemplate, appointmentId: string, recipients: ("patient" | "doctor")[]): Promise<number> {
  return queueMail(tx, await appointmentMails(tx, template, appointmentId, recipients));
}

/**
 * A cancelled or moved visit must not be reminded of: its queued reminders go in the transaction that
 * cancels it (queue-reminders looks at booked visits only, so they never come back).
 */
export async function dropPendingReminders(tx: Tx, appointmentId: string): Promise<void> {
  await tx.mailOutbox.deleteMany({ where: { state: "PENDING", OR: ["reminder.24h", "reminder.1h"].map((template) => ({ idempotencyKey: { startsWith: `${template}:${appointmentId}:` } })) } });
}
