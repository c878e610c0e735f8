import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { mailEnv } from "@/lib/env";
import { describeError } from "@/lib/worker/log";
import { MAIL_TEMPLATES, type MailTemplate } from "./categories";
import { renderMail, TemplateDataError } from "./templates";
import { smtpTransport, type MailTransport } from "./transport";

/** A claimed row is invisible to other senders this long; far above the transport's worst-case send time. */
export const CLAIM_LEASE_MS = 5 * 60_000;
/** After this many failed attempts (≈ 1 h of backoff) a mail is given up as FAILED. */
export const MAX_MAIL_ATTEMPTS = 8;

/** 30 s, 1 min, 2 min, … at most an hour: a mail server that is down for a while is not hammered. */
export function mailRetryAt(attempts: number, now: Date): Date {
  return new Date(now.getTime() + Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000));
}

/**
 * The Message-ID is derived from the idempotency key, so the one case where a mail can go out twice
 * (the server accepted it, then the process died before marking the row SENT) produces the same
 * Message-ID, which mail clients and many servers treat as one message.
 */
export function messageIdFor(idempotencyKey: string, appUrl: string): string {
  return `<${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32)}@${new URL(appUrl).hostname}>`;
}

interface ClaimedRow {
  id: string;
  idempotency_key: string;
  user_id: string;
  template: string;
  data: unknown;
  attempts: number;
}

/**
 * Claims due PENDING rows: one statement counts the attempt and pushes next_attempt_at past the lease,
 * with FOR UPDATE SKIP LOCKED so concurrent senders take disjoint rows. A sender that dies after this
 * leaves the row PENDING; it becomes due again when the lease ends.
 */
export async function claimDueMail(now: Date, batch: number): Promise<ClaimedRow[]> {
  const leaseEnds = new Date(now.getTime() + CLAIM_LEASE_MS);
  return db().$queryRaw<ClaimedRow[]>`
    UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ${leaseEnds}
    WHERE id IN (
      SELECT id FROM mail_outbox WHERE state = 'PENDING' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at LIMIT ${batch} FOR UPDATE SKIP LOCKED
    )
    RETURNING id, idempotency_key, user_id, template, data, attempts`;
}

export interface SendMailOptions {
  now?: Date;
  batch?: number;
  transport?: MailTransport;
}

let defaultTransport: MailTransport | undefined;

/** Worker task: sends what is due; each row ends SENT, PENDING with a later attempt, or FAILED. */
export async function sendPendingMail(options: SendMailOptions = {}): Promise<{ sent: number; retrying: number; failed: number }> {
  const env = mailEnv();
  const now = options.now ?? new Date();
  const transport = options.transport ?? (defaultTransport ??= smtpTransport(env.smtpUrl));
  const rows = await claimDueMail(now, options.batch ?? 50);
  const summary = { sent: 0, retrying: 0, failed: 0 };
  for (const row of rows) {
    try {
      if (!(row.template in MAIL_TEMPLATES)) throw new TemplateDataError(`unknown mail template ${row.template}`);
      if (isStaleReminder(row, now)) throw new WillNotSend("the visit began before its reminder could be sent");
      const rendered = renderMail(row.template as MailTemplate, row.data, env.appUrl);
      const recipient = await db().user.findUnique({ where: { id: row.user_id }, select: { email: true } });
      if (!recipient) throw new WillNotSend("recipient no longer exists");
      await transport.send({ ...rendered, from: env.from, to: recipient.email, messageId: messageIdFor(row.idempotency_key, env.appUrl) });
      await db().mailOutbox.update({ where: { id: row.id }, data: { state: "SENT", sentAt: new Date(), lastError: null } });
      summary.sent += 1;
    } catch (error) {
      const permanent = error instanceof TemplateDataError || error instanceof WillNotSend || isPermanentSmtpRefusal(error) || row.attempts >= MAX_MAIL_ATTEMPTS;
      await db().mailOutbox.update({
        where: { id: row.id },
        data: permanent ? { state: "FAILED", lastError: errorText(error) } : { nextAttemptAt: mailRetryAt(row.attempts, new Date()), lastError: errorText(error) },
      });
      summary[permanent ? "failed" : "retrying"] += 1;
    }
  }
  return summary;
}

/** A row that retrying cannot help; it ends FAILED with the reason. */
class WillNotSend extends Error {}

/** A reminder still undelivered when its visit starts (the mail server was down) would only confuse. */
function isStaleReminder(row: ClaimedRow, now: Date): boolean {
  if (!row.template.startsWith("reminder.")) return false;
  const startsAt = (row.data as { startsAt?: unknown } | null)?.startsAt;
  return typeof startsAt === "string" && new Date(startsAt).getTime() <= now.getTime();
}

/** SMTP replies often quote the recipient's address; the row keeps the reason, not the address. */
function errorText(error: unknown): string {
  return describeError(error).replace(/[^\s<>@]+@[^\s<>@]+/g, "<address>");
}

/** 5xx replies (unknown mailbox, policy refusal) will not change on retry; 4xx and network errors may. */
function isPermanentSmtpRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}
