import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { fail, ok, type Result } from "@/lib/result";
import { DEFAULT_MAIL_PREFERENCES, type MailPreferences } from "./categories";

/** A checkbox arrives as "on" when ticked and is missing when not. */
const checkbox = z.preprocess((v) => v === "on" || v === true || v === "true", z.boolean());
export const mailPreferencesSchema = z.object({ appointments: checkbox, reminders: checkbox, access: checkbox });

export async function getMailPreferences(actor: Actor | null, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<MailPreferences>> {
  const allowed = await authorize(actor, "mail.manage_own_preferences", { ownerId: actor?.id, type: "user", id: actor?.id }, context);
  if (!allowed.ok) return allowed;
  const row = await db().mailPreference.findUnique({ where: { userId: allowed.actor.id }, select: { appointments: true, reminders: true, access: true } });
  return ok(row ?? DEFAULT_MAIL_PREFERENCES);
}

/** Saves which optional mails the user gets; mail already queued is still sent. */
export async function updateMailPreferences(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<MailPreferences>> {
  const allowed = await authorize(actor, "mail.manage_own_preferences", { ownerId: actor?.id, type: "user", id: actor?.id }, context);
  if (!allowed.ok) return allowed;
  const parsed = mailPreferencesSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", "Please correct the highlighted fields.", z.flattenError(parsed.error).fieldErrors);
  const userId = allowed.actor.id;
  await db().$transaction(async (tx) => {
    await tx.mailPreference.upsert({ where: { userId }, create: { userId, ...parsed.data }, update: parsed.data });
    await recordAuditEvent({ actorId: userId, actorRole: allowed.actor.role, action: "mail.preferences", subjectType: "user", subjectId: userId, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent, details: parsed.data }, tx);
  });
  return ok(parsed.data);
}
