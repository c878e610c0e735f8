/**
 * Mail end to end against the suite's SMTP catcher (scripts/services/mail-catcher.ts): every template
 * is rendered and delivered, each event yields exactly one mail however often the sender and the
 * reminder task run or die, a refusing server is retried with backoff, and a category turned off
 * queues nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);

import { bookAppointment } from "@/lib/appointments/book-appointment";
import { cancelAppointment } from "@/lib/appointments/cancel-appointment";
import { listFreeSlots } from "@/lib/appointments/list-slots";
import { db } from "@/lib/db/client";
import { devInboxUrl, mailEnv, serverEnv } from "@/lib/env";
import { decideAccessRequest } from "@/lib/grants/decide-request";
import { requestAccess } from "@/lib/grants/request-access";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { createPatient, createVerifiedDoctor, deleteTestData, everyDayRules, type TestDoctor, type TestPatient } from "@/lib/testing/fixtures";
import { queueRemindersTask, sendMailTask } from "@/lib/worker/tasks";
import { startWorker } from "@/lib/worker/worker";
import { MAIL_TEMPLATES, type MailTemplate } from "./categories";
import { queueMail } from "./outbox";
import { getMailPreferences, updateMailPreferences } from "./preferences";
import { queueReminders } from "./queue-reminders";
import { CLAIM_LEASE_MS, MAX_MAIL_ATTEMPTS, claimDueMail, sendPendingMail } from "./send-mail";
import { smtpTransport, type MailTransport } from "./transport";

interface CaughtMail {
  messageId: string | null;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
}

const inboxUrl = () => devInboxUrl()!;

async function mailsTo(email: string): Promise<CaughtMail[]> {
  const all = (await (await fetch(new URL("/messages", inboxUrl()))).json()) as CaughtMail[];
  return all.filter((mail) => mail.to.includes(email));
}

async function refuse(code: number | null): Promise<void> {
  await fetch(new URL(`/refuse${code ? `?code=${code}` : ""}`, inboxUrl()), { method: "POST" });
}

/** Queues one mail outside any service, as a service's transaction would. */
async function queue(template: MailTemplate, userId: string, data: Record<string, string | null>, subjectId = randomUUID()): Promise<string> {
  await db().$transaction((tx) => queueMail(tx, [{ template, userId, subjectId, data }]));
  return `${template}:${subjectId}:${userId}`;
}

const later = (ms: number) => new Date(Date.now() + ms);

let doctor: TestDoctor;
let patient: TestPatient;

beforeAll(async () => {
  await refuse(null);
  // Markup and quotes in a name must reach the HTML part escaped.
  doctor = await createVerifiedDoctor({ name: `Ann <b>"Bold"</b> & O'Neil ${randomUUID().slice(0, 8)}`, timeZone: "Europe/Amsterdam", rules: everyDayRules(), minNoticeMinutes: 0 });
  patient = await createPatient();
});
afterAll(async () => {
  await refuse(null);
  await deleteTestData();
});

async function bookFreeSlot(hoursAhead: number): Promise<{ id: string; startsAt: Date }> {
  const result = await listFreeSlots(patient.actor, { doctorId: doctor.doctorId, days: 3 });
  if (!result.ok) throw new Error(result.error.message);
  const slot = result.value.slots.find((s) => s.startsAt.getTime() > Date.now() + hoursAhead * 3_600_000)!;
  const booked = await bookAppointment(patient.actor, { doctorId: doctor.doctorId, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), reason: "Recurring migraine", idempotencyKey: randomUUID() });
  if (!booked.ok) throw new Error(booked.error.message);
  return { id: booked.value.id, startsAt: slot.startsAt };
}

describe("templates", () => {
  it("sends every template as text and escaped HTML with a link, and no health details", async () => {
    const ids = { appointmentId: randomUUID(), grantId: randomUUID(), documentId: randomUUID() };
    const when = { startsAt: "2030-03-05T13:30:00.000Z", timeZone: "Europe/Amsterdam" };
    const data: Record<MailTemplate, Record<string, string | null>> = {
      "account.verified": {},
      "account.rejected": {},
      "account.suspended": {},
      "appointment.booked": { appointmentId: ids.appointmentId, ...when, doctorName: doctor.user.name },
      "appointment.cancelled": { appointmentId: ids.appointmentId, ...when, doctorName: null },
      "appointment.rescheduled": { appointmentId: ids.appointmentId, ...when, doctorName: doctor.user.name },
      "reminder.24h": { appointmentId: ids.appointmentId, ...when, doctorName: doctor.user.name },
      "reminder.1h": { appointmentId: ids.appointmentId, ...when, doctorName: doctor.user.name },
      "access.requested": { grantId: ids.grantId, doctorName: doctor.user.name },
      "access.approved": { grantId: ids.grantId },
      "access.denied": { grantId: ids.grantId },
      "access.revoked": { grantId: ids.grantId },
      "access.expiring": { grantId: ids.grantId, endsAt: when.startsAt, timeZone: when.timeZone },
      "integrity.alert": { documentId: ids.documentId },
    };
    const recipient = await createPatient();
    for (const template of Object.keys(MAIL_TEMPLATES) as MailTemplate[]) await queue(template, recipient.user.id, data[template]);
    await sendPendingMail();

    const mails = await mailsTo(recipient.user.email);
    expect(mails).toHaveLength(Object.keys(MAIL_TEMPLATES).length);
    for (const mail of mails) {
      expect(mail.text).toContain(mailEnv().appUrl);
      expect(mail.html).toMatch(/<a href="http/);
      expect(mail.html).not.toContain("<b>");
    }
    const reminder = mails.find((m) => m.subject.startsWith("Reminder: your appointment tomorrow"))!;
    expect(reminder.text).toContain(`Dr. ${doctor.user.name}`);
    expect(reminder.text).toContain("Tuesday, 5 March 2030 at 14:30 (Europe/Amsterdam)");
    expect(reminder.html).toContain("Ann &lt;b&gt;&quot;Bold&quot;&lt;/b&gt; &amp; O&#39;Neil");
  });

  it("gives up at once on data that does not fit its template", async () => {
    const key = await queue("reminder.1h", patient.user.id, { appointmentId: "not-a-uuid" });
    await sendPendingMail();
    expect(await db().mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: key } })).toMatchObject({ state: "FAILED", attempts: 1, lastError: expect.stringMatching(/appointmentId/) });
  });
});

describe("exactly one mail per event", () => {
  it("queues a booking once per recipient and sends it once, however often the sender runs", async () => {
    const booked = await bookFreeSlot(30);
    const keys = [`appointment.booked:${booked.id}:${patient.user.id}`, `appointment.booked:${booked.id}:${doctor.doctorId}`];
    expect(await db().mailOutbox.count({ where: { idempotencyKey: { in: keys } } })).toBe(2);
    // A repeated event is a no-op: the same keys insert nothing.
    const again = await db().$transaction((tx) => queueMail(tx, [{ template: "appointment.booked", userId: patient.user.id, subjectId: booked.id, data: {} }]));
    expect(again).toBe(0);
    await sendPendingMail();
    await sendPendingMail();
    expect((await mailsTo(patient.user.email)).filter((m) => m.subject === "New appointment")).toHaveLength(1);
    expect((await mailsTo(doctor.user.email)).filter((m) => m.subject === "New appointment")).toHaveLength(1);
    const rows = await db().mailOutbox.findMany({ where: { idempotencyKey: { in: keys } } });
    expect(rows.map((r) => [r.state, r.attempts])).toEqual([
      ["SENT", 1],
      ["SENT", 1],
    ]);
  });

  it("sends a mail whose sender died between claim and send once, after the lease", async () => {
    const recipient = await createPatient();
    const key = await queue("account.verified", recipient.user.id, {});
    const claimed = await claimDueMail(new Date(), 100);
    expect(claimed.map((r) => r.idempotency_key)).toContain(key);
    // The claiming process is gone: nothing else may send the row while its lease runs…
    await sendPendingMail();
    expect(await mailsTo(recipient.user.email)).toHaveLength(0);
    // …and once it has run out, the next sender delivers it, exactly once.
    await sendPendingMail({ now: later(CLAIM_LEASE_MS + 1_000) });
    await sendPendingMail({ now: later(CLAIM_LEASE_MS + 2_000) });
    expect(await mailsTo(recipient.user.email)).toHaveLength(1);
    expect(await db().mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: key } })).toMatchObject({ state: "SENT", attempts: 2 });
  });

  it("repeats the Message-ID when the sender dies after the server accepted but before marking SENT", async () => {
    const recipient = await createPatient();
    const key = await queue("account.rejected", recipient.user.id, {});
    const real = smtpTransport(mailEnv().smtpUrl);
    const diesAfterAccept: MailTransport = {
      async send(mail) {
        await real.send(mail);
        throw new Error("process killed before the row was marked SENT");
      },
    };
    await sendPendingMail({ transport: diesAfterAccept });
    await sendPendingMail({ now: later(60 * 60_000) });
    // The one window the outbox cannot close: SMTP has no transaction with Postgres. The copy carries
    // the same Message-ID, which mail clients treat as the same message.
    const copies = await mailsTo(recipient.user.email);
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((c) => c.messageId)).size).toBe(1);
    expect(await db().mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: key } })).toMatchObject({ state: "SENT" });
  });

  it("queues each reminder once across repeated and restarted reminder runs, then sends it once", async () => {
    // Far enough from the first booking (30 h) that the shifted clocks below see only this visit.
    const visit = await bookFreeSlot(54);
    const dayBefore = new Date(visit.startsAt.getTime() - 23 * 3_600_000);
    const hourBefore = new Date(visit.startsAt.getTime() - 30 * 60_000);
    await queueReminders(dayBefore);
    await queueReminders(dayBefore);
    await queueReminders(hourBefore);
    await queueReminders(hourBefore);
    const keys = [`reminder.24h:${visit.id}:${patient.user.id}`, `reminder.1h:${visit.id}:${patient.user.id}`];
    expect(await db().mailOutbox.count({ where: { idempotencyKey: { in: keys } } })).toBe(2);

    // The real worker loop, started twice (a restart), sends each due mail once.
    for (let run = 0; run < 2; run++) {
      const worker = startWorker({ tasks: [sendMailTask(50), queueRemindersTask(50)], connectionString: serverEnv().databaseUrl, log: () => {}, lockKey: 0x6d61696c746573n });
      await expect.poll(async () => db().mailOutbox.count({ where: { idempotencyKey: { in: keys }, state: "SENT" } }), { timeout: 10_000 }).toBe(2);
      await worker.stop();
    }
    const reminders = (await mailsTo(patient.user.email)).filter((m) => m.subject.startsWith("Reminder"));
    expect(reminders.map((m) => m.subject).sort()).toEqual(["Reminder: your appointment starts in an hour", "Reminder: your appointment tomorrow"]);
    expect(reminders.map((m) => m.text).join("\n")).not.toContain("migraine");
  });
});

describe("reminders of visits that will not happen", () => {
  it("drops a cancelled visit's queued reminder and fails one whose visit began before it could be sent", async () => {
    const visit = await bookFreeSlot(62);
    await queueReminders(new Date(visit.startsAt.getTime() - 23 * 3_600_000));
    const key = `reminder.24h:${visit.id}:${patient.user.id}`;
    expect(await db().mailOutbox.count({ where: { idempotencyKey: key } })).toBe(1);
    expect((await cancelAppointment(patient.actor, { appointmentId: visit.id, reason: "" })).ok).toBe(true);
    expect(await db().mailOutbox.count({ where: { idempotencyKey: key } })).toBe(0);
    await queueReminders(new Date(visit.startsAt.getTime() - 23 * 3_600_000));
    expect(await db().mailOutbox.count({ where: { idempotencyKey: key } })).toBe(0);

    const late = await queue("reminder.1h", patient.user.id, { appointmentId: randomUUID(), startsAt: new Date(Date.now() - 60_000).toISOString(), timeZone: "UTC", doctorName: "Late" });
    await sendPendingMail();
    expect(await db().mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: late } })).toMatchObject({ state: "FAILED", lastError: expect.stringMatching(/visit began/) });
  });
});

describe("retries", () => {
  it("backs off while the server refuses, delivers when it accepts again, and gives up after the last attempt", async () => {
    const recipient = await createPatient();
    const key = await queue("access.denied", recipient.user.id, { grantId: randomUUID() });
    await refuse(451);
    try {
      const before = Date.now();
      await sendPendingMail();
      const waiting = await db().mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: key } });
      expect(waiting).toMatchObject({ state: "PENDING", attempts: 1, lastError: expect.stringMatching(/451|refused/) });
      expect(waiting.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 29_000);
      await sendPendingMail();
      expect((await db().mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: key } })).attempts).toBe(1);
      await sendPendingMail({ now: later(45_000) });
      const second = await db().mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: key } });
      expect(second.attempts).toBe(2);
      expect(second.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(55_000);

      const doomed = await queue("access.revoked", recipient.user.id, { grantId: randomUUID() });
      await db().mailOutbox.update({ where: { idempotencyKey: doomed }, data: { attempts: MAX_MAIL_ATTEMPTS - 1 } });
      await sendPendingMail();
      expect(await db().mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: doomed } })).toMatchObject({ state: "FAILED", attempts: MAX_MAIL_ATTEMPTS });

      await refuse(550);
      const rejected = await queue("access.approved", recipient.user.id, { grantId: randomUUID() });
      await sendPendingMail();
      expect(await db().mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: rejected } })).toMatchObject({ state: "FAILED", attempts: 1 });
    } finally {
      await refuse(null);
    }
    await sendPendingMail({ now: later(10 * 60_000) });
    expect(await db().mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: key } })).toMatchObject({ state: "SENT", attempts: 3, lastError: null });
    expect((await mailsTo(recipient.user.email)).map((m) => m.subject)).toEqual(["Access request declined"]);
  });
});

describe("preferences", () => {
  it("queues nothing in a category the user turned off, and still sends the other side's mail", async () => {
    const other = await createPatient();
    expect(await getMailPreferences(other.actor)).toEqual({ ok: true, value: { appointments: true, reminders: true, access: true } });
    // As the account form posts it: a cleared checkbox is simply missing.
    expect(await updateMailPreferences(other.actor, { reminders: "on", access: "on" })).toEqual({ ok: true, value: { appointments: false, reminders: true, access: true } });
    const slots = await listFreeSlots(other.actor, { doctorId: doctor.doctorId, days: 3 });
    if (!slots.ok) throw new Error(slots.error.message);
    const slot = slots.value.slots.filter((s) => s.startsAt.getTime() > Date.now() + 40 * 3_600_000)[0]!;
    const booked = await bookAppointment(other.actor, { doctorId: doctor.doctorId, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), idempotencyKey: randomUUID() });
    expect(booked.ok).toBe(true);
    await sendPendingMail();
    expect(await db().mailOutbox.count({ where: { userId: other.user.id } })).toBe(0);
    expect(await mailsTo(other.user.email)).toHaveLength(0);
    expect(await db().mailOutbox.count({ where: { userId: doctor.doctorId, template: "appointment.booked", data: { path: ["appointmentId"], equals: booked.ok ? booked.value.id : "" } } })).toBe(1);
  });

  it("sends access mail from the grant services to the right side, with neither the reason nor the patient's name", async () => {
    // The bookings above made this doctor one of the patient's, which lets them ask.
    const requested = await requestAccess(doctor.actor, { patientId: patient.user.id, reason: "Follow-up of your cardiology results", allDocuments: true, permission: "READ", durationDays: 7 });
    if (!requested.ok) throw new Error(requested.error.message);
    const { grantId } = requested.value;
    expect((await decideAccessRequest(patient.actor, { decision: "approve", grantId, allDocuments: true, documentIds: [], permission: "READ", durationDays: 7 })).ok).toBe(true);
    expect((await revokeGrant(patient.actor, { grantId })).ok).toBe(true);
    await sendPendingMail();
    const toPatient = await mailsTo(patient.user.email);
    const toDoctor = await mailsTo(doctor.user.email);
    expect(toPatient.filter((m) => m.subject === "A doctor asks to see your records")).toHaveLength(1);
    expect(toDoctor.map((m) => m.subject)).toEqual(expect.arrayContaining(["Access request approved", "Access to records revoked"]));
    const everything = JSON.stringify([...toPatient, ...toDoctor]);
    expect(everything).not.toContain("cardiology results");
    expect(everything).not.toContain(patient.user.name);
  });
});
