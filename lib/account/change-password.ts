import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { fieldErrorsOf } from "@/lib/accounts/schemas";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { recordWrongSecret, secretAttemptsRefusal } from "./secret-attempts";

export const WRONG_CURRENT_PASSWORD_MESSAGE = "Your current password is not correct.";
export const PASSWORDS_DIFFER_MESSAGE = "The two new passwords don't match.";

const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(1024),
  newPassword: z.string({ error: "Choose a new password." }).min(1, "Choose a new password.").max(1024),
  confirmPassword: z.string({ error: "Type the new password again." }).min(1, "Type the new password again.").max(1024),
});

export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/**
 * Replaces the password after checking the current one, and moves the session version on so every
 * session, this one included, ends: whoever knew the old password is signed out everywhere.
 */
export async function changePassword(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<null>> {
  const allowed = await authorize(actor, "profile.change_password", { ownerId: actor?.id, type: "user", id: actor?.id }, context);
  if (!allowed.ok) return allowed;
  const me = allowed.actor;

  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const { currentPassword, newPassword, confirmPassword } = parsed.data;

  const user = await db().user.findUnique({ where: { id: me.id }, select: { name: true, email: true, passwordHash: true } });
  if (!user) return fail("NOT_FOUND", "Not found.");

  const refusal = await secretAttemptsRefusal(user.email, context);
  if (refusal) return refusal;

  const fieldErrors: Record<string, string[]> = {};
  const currentOk = await verifyPassword(user.passwordHash, currentPassword);
  if (!currentOk) fieldErrors.currentPassword = [WRONG_CURRENT_PASSWORD_MESSAGE];
  const problem = currentOk && newPassword === currentPassword ? "Choose a password different from your current one." : passwordProblem(newPassword, [user.name, user.email]);
  if (problem) fieldErrors.newPassword = [problem];
  if (confirmPassword !== newPassword) fieldErrors.confirmPassword = [PASSWORDS_DIFFER_MESSAGE];

  if (!currentOk) {
    await recordWrongSecret(user.email, context);
    await recordAuditEvent({ actorId: me.id, actorRole: me.role, action: "account.password_change", subjectType: "user", subjectId: me.id, outcome: "DENY", ip: context.ip, userAgent: context.userAgent, details: { reason: "wrong_current_password" } });
  }
  if (Object.keys(fieldErrors).length > 0) return fail("VALIDATION", "Please correct the highlighted fields.", fieldErrors);

  const passwordHash = await hashPassword(newPassword);
  const changed = await db().$transaction(async (tx) => {
    // Conditional on the hash we checked against: of two changes racing, the second one fails.
    const updated = await tx.user.updateMany({ where: { id: me.id, passwordHash: user.passwordHash }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    if (updated.count !== 1) return false;
    await recordAuditEvent({ actorId: me.id, actorRole: me.role, action: "account.password_change", subjectType: "user", subjectId: me.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent }, tx);
    return true;
  });
  if (!changed) return fail("CONFLICT", "Your password was changed in another session. Sign in again with the new password.");
  return ok(null);
}
