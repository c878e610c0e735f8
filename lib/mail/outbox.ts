import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { DEFAULT_MAIL_PREFERENCES, optionalCategoryOf, type MailTemplate } from "./categories";

type Tx = Prisma.TransactionClient;

export interface QueuedMail {
  template: MailTemplate;
  userId: string;
  /**
   * What the mail is about (an appointment, grant or document id). With the template and the
   * recipient it forms the idempotency key, so the same event never queues a second mail.
   */
  subjectId: string;
  data: Prisma.InputJsonObject;
}

/** `appointment.booked:<appointmentId>:<userId>`: one mail per event and recipient, ever. */
export function mailIdempotencyKey(mail: Pick<QueuedMail, "template" | "subjectId" | "userId">): string {
  return `${mail.template}:${mail.subjectId}:${mail.userId}`;
}

/**
 * Queues mails in the caller's transaction, so a mail exists exactly when the change it reports
 * committed. A category the recipient turned off queues nothing; a key already present inserts
 * nothing (INSERT … ON CONFLICT DO NOTHING). Returns how many rows were inserted.
 */
export async function queueMail(tx: Tx, mails: QueuedMail[]): Promise<number> {
  if (mails.length === 0) return 0;
  const preferences = await tx.mailPreference.findMany({ where: { userId: { in: [...new Set(mails.map((m) => m.userId))] } } });
  const byUser = new Map(preferences.map((p) => [p.userId, p]));
  const wanted = mails.filter((mail) => {
    const category = optionalCategoryOf(mail.template);
    return category === null || (byUser.get(mail.userId) ?? DEFAULT_MAIL_PREFERENCES)[category];
  });
  if (wanted.length === 0) return 0;
  const inserted = await tx.mailOutbox.createMany({
    data: wanted.map((mail) => ({ idempotencyKey: mailIdempotencyKey(mail), userId: mail.userId, template: mail.template, data: mail.data })),
    skipDuplicates: true,
  });
  return inserted.count;
}
