import "server-only";
import { z } from "zod";
import { devInboxUrl } from "@/lib/env";

const caughtMail = z.object({
  id: z.string(),
  receivedAt: z.iso.datetime(),
  messageId: z.string().nullable(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
});

export type DevInboxMail = z.infer<typeof caughtMail>;

/**
 * What the development SMTP catcher received (scripts/services/mail-catcher.ts), for /dev/inbox.
 * null in production, or when no catcher runs (SMTP_URL points at a real server): the page is then a 404.
 */
export async function listDevInbox(): Promise<DevInboxMail[] | null> {
  const url = devInboxUrl();
  if (!url) return null;
  const response = await fetch(new URL("/messages", url), { cache: "no-store", signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`dev inbox answered ${response.status}`);
  return z.array(caughtMail).parse(await response.json());
}
