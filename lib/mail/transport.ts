import "server-only";
import nodemailer from "nodemailer";
import type { RenderedMail } from "./templates";

export interface OutgoingMail extends RenderedMail {
  from: string;
  to: string;
  messageId: string;
}

/** What the sender needs from SMTP; tests may hand in their own. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * Bounded timeouts (nodemailer's socket default is ten minutes): a hung server must fail the attempt
 * well within the claim's lease (send-mail.ts), or a second sender could take the row meanwhile.
 */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS });
  return {
    async send(mail) {
      await transporter.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId });
    },
  };
}
