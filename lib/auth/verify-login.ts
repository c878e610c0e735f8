import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { NO_REQUEST_CONTEXT, type RequestContext } from "@/lib/authz/actor";
import { verifySecondFactor } from "@/lib/mfa/verify-second-factor";
import { fail, ok, type Result } from "@/lib/result";
import { beginLoginAttempt, loginKeys, settleLoginAttempt } from "./login-rate-limit";
import { timingDecoyHash, verifyPassword } from "./password";

export const INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect.";

const loginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(1024),
  code: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(64).optional()),
});

export interface LoginSessionDto {
  userId: string;
  sessionVersion: number;
}

/**
 * Checks a login attempt: rate limits, password (argon2id, constant work whether or not the account
 * exists), account state and second factor. Messages never reveal whether an email is registered.
 */
export async function verifyLogin(input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<LoginSessionDto>> {
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", "Enter your email and password.");
  const { email, password, code } = parsed.data;
  const keys = loginKeys(email, context.ip);
  const audit = (outcome: "ALLOW" | "DENY", reason: string, user?: { id: string; role: "PATIENT" | "DOCTOR" | "ADMIN" }) =>
    recordAuditEvent({ actorId: user?.id ?? null, actorRole: user?.role ?? null, action: "auth.login", subjectType: "user", subjectId: user?.id, outcome, ip: context.ip, userAgent: context.userAgent, details: { reason } });

  const attempt = await beginLoginAttempt(keys);
  if ("retryAfterMinutes" in attempt) {
    const retryAfter = attempt.retryAfterMinutes;
    await audit("DENY", "rate_limited");
    return fail("RATE_LIMITED", `Too many failed sign-in attempts. Try again in ${retryAfter} minute${retryAfter === 1 ? "" : "s"}.`);
  }

  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, role: true, status: true, passwordHash: true, sessionVersion: true, totpSecret: true, totpEnabledAt: true, doctorProfile: { select: { verification: true } } },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await timingDecoyHash()), password);
  if (!user || !passwordOk) {
    await audit("DENY", "bad_credentials", user ?? undefined);
    return fail("VALIDATION", INVALID_CREDENTIALS_MESSAGE);
  }
  // A suspended doctor's sessions are refused on every request, so signing in must be refused too.
  if (user.status === "SUSPENDED" || user.doctorProfile?.verification === "SUSPENDED") {
    await settleLoginAttempt(attempt.attemptId);
    await audit("DENY", "suspended", user);
    return fail("FORBIDDEN", "This account is suspended. Contact your MedAnchor administrator.");
  }
  if (user.totpEnabledAt) {
    if (!code) {
      await settleLoginAttempt(attempt.attemptId);
      return fail("MFA_REQUIRED", "Enter the 6-digit code from your authenticator app, or a recovery code.");
    }
    if (!(await verifySecondFactor(user, code))) {
      await audit("DENY", "bad_second_factor", user);
      return fail("MFA_REQUIRED", "That code is not valid. Enter the current code from your authenticator app, or a recovery code.");
    }
  }
  await settleLoginAttempt(attempt.attemptId);
  await audit("ALLOW", user.totpEnabledAt ? "password_and_totp" : "password", user);
  return ok({ userId: user.id, sessionVersion: user.sessionVersion });
}
