import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import QRCode from "qrcode";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { serverEnv } from "@/lib/env";
import { fieldErrorsOf } from "@/lib/accounts/schemas";
import { recordWrongSecret, secretAttemptsRefusal } from "@/lib/account/secret-attempts";
import { recordAuditEvent, type AuditEntry } from "@/lib/audit/record-audit-event";
import { verifyPassword } from "@/lib/auth/password";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { newRecoveryCodes } from "./recovery-codes";
import { isValidTotp, newTotpSecret, totpUri } from "./totp";
import { recoveryCodeHash, verifySecondFactor } from "./verify-second-factor";

export interface TotpEnrolmentDto {
  /** Base32 secret for manual entry; not stored until the user proves their app has it. */
  secret: string;
  otpauthUri: string;
  /** The otpauth URI as an SVG QR code (generated here, safe to inline). */
  qrSvg: string;
  /** Binds the pending secret to this user; sent back with the confirmation. */
  signature: string;
}

export interface RecoveryCodesDto {
  /** Plain recovery codes, returned this once; only their hashes are kept. */
  recoveryCodes: string[];
}

export const STALE_ENROLMENT_MESSAGE = "This setup form is no longer valid. Reload the page and scan the new QR code.";
export const WRONG_TOTP_MESSAGE = "That code is not valid. Enter the current 6-digit code from your authenticator app.";
export const ADMIN_KEEPS_MFA_MESSAGE = "Administrators must keep two-factor authentication on: it protects every account and document they can reach.";
const ALREADY_ON_MESSAGE = "Two-factor authentication is already on.";
const NOT_ON_MESSAGE = "Two-factor authentication is not on for this account.";

const totpCode = z
  .string({ error: "Enter the 6-digit code from your authenticator app." })
  .transform((value) => value.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));

const confirmSchema = z.object({
  secret: z.string().regex(/^[A-Z2-7]{16,128}$/),
  signature: z.string().regex(/^[0-9a-f]{64}$/),
  code: totpCode,
});

const regenerateSchema = z.object({ code: totpCode });

const disableSchema = z.object({
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1024),
  code: z.string({ error: "Enter a code from your authenticator app, or a recovery code." }).trim().min(1, "Enter a code from your authenticator app, or a recovery code.").max(64),
});

/** HMAC over user and secret: the client carries the pending secret but cannot swap in one of its own or move it to another user. */
function enrolmentSignature(userId: string, secret: string): string {
  return createHmac("sha256", serverEnv().authSecret).update(`totp-enrolment:${userId}:${secret}`).digest("hex");
}

function signatureMatches(userId: string, secret: string, signature: string): boolean {
  const expected = Buffer.from(enrolmentSignature(userId, secret), "hex");
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const ownAccount = (actor: Actor | null) => ({ ownerId: actor?.id, type: "user", id: actor?.id });

function auditEntry(actor: Actor, action: string, outcome: "ALLOW" | "DENY", context: RequestContext, details?: AuditEntry["details"]): AuditEntry {
  return { actorId: actor.id, actorRole: actor.role, action, subjectType: "user", subjectId: actor.id, outcome, ip: context.ip, userAgent: context.userAgent, details };
}

async function replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code) })) });
  return codes;
}

/** A fresh secret and its QR code for the enrolment page; nothing is stored yet. */
export async function startTotpEnrolment(actor: Actor | null, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<TotpEnrolmentDto>> {
  const allowed = await authorize(actor, "mfa.manage_own", ownAccount(actor), context);
  if (!allowed.ok) return allowed;
  const user = await db().user.findUnique({ where: { id: allowed.actor.id }, select: { email: true, totpEnabledAt: true } });
  if (!user) return fail("NOT_FOUND", "Not found.");
  if (user.totpEnabledAt) return fail("CONFLICT", ALREADY_ON_MESSAGE);

  const secret = newTotpSecret();
  const otpauthUri = totpUri(secret, user.email);
  const qrSvg = await QRCode.toString(otpauthUri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return ok({ secret, otpauthUri, qrSvg, signature: enrolmentSignature(allowed.actor.id, secret) });
}

/**
 * Turns TOTP on once the user shows a valid code for the pending secret, and issues the first set of
 * recovery codes.
 */
export async function confirmTotpEnrolment(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<RecoveryCodesDto>> {
  const allowed = await authorize(actor, "mfa.manage_own", ownAccount(actor), context);
  if (!allowed.ok) return allowed;
  const me = allowed.actor;

  const parsed = confirmSchema.safeParse(input);
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    if (errors.secret || errors.signature) return fail("VALIDATION", STALE_ENROLMENT_MESSAGE, { form: [STALE_ENROLMENT_MESSAGE] });
    return fail("VALIDATION", "Please correct the highlighted fields.", errors);
  }
  const { secret, signature, code } = parsed.data;
  if (!signatureMatches(me.id, secret, signature)) return fail("VALIDATION", STALE_ENROLMENT_MESSAGE, { form: [STALE_ENROLMENT_MESSAGE] });
  if (!(await isValidTotp(secret, code))) return fail("VALIDATION", WRONG_TOTP_MESSAGE, { code: [WRONG_TOTP_MESSAGE] });

  const codes = await db().$transaction(async (tx) => {
    // Conditional on "still off": two confirmations racing cannot both issue recovery codes.
    const enabled = await tx.user.updateMany({ where: { id: me.id, totpEnabledAt: null }, data: { totpSecret: secret, totpEnabledAt: new Date() } });
    if (enabled.count !== 1) return null;
    const issued = await replaceRecoveryCodes(tx, me.id);
    await recordAuditEvent(auditEntry(me, "mfa.enrol", "ALLOW", context, { recoveryCodes: issued.length }), tx);
    return issued;
  });
  if (!codes) return fail("CONFLICT", ALREADY_ON_MESSAGE);
  return ok({ recoveryCodes: codes });
}

/** Replaces all recovery codes (used or not) after a current authenticator code. */
export async function regenerateRecoveryCodes(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<RecoveryCodesDto>> {
  const allowed = await authorize(actor, "mfa.manage_own", ownAccount(actor), context);
  if (!allowed.ok) return allowed;
  const me = allowed.actor;

  const parsed = regenerateSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const user = await db().user.findUnique({ where: { id: me.id }, select: { email: true, totpSecret: true, totpEnabledAt: true } });
  if (!user) return fail("NOT_FOUND", "Not found.");
  if (!user.totpEnabledAt || !user.totpSecret) return fail("CONFLICT", NOT_ON_MESSAGE);

  const refusal = await secretAttemptsRefusal(user.email, context);
  if (refusal) return refusal;
  if (!(await isValidTotp(user.totpSecret, parsed.data.code))) {
    await recordWrongSecret(user.email, context);
    await recordAuditEvent(auditEntry(me, "mfa.recovery_codes_regenerate", "DENY", context, { reason: "bad_second_factor" }));
    return fail("VALIDATION", WRONG_TOTP_MESSAGE, { code: [WRONG_TOTP_MESSAGE] });
  }

  const codes = await db().$transaction(async (tx) => {
    const issued = await replaceRecoveryCodes(tx, me.id);
    await recordAuditEvent(auditEntry(me, "mfa.recovery_codes_regenerate", "ALLOW", context, { recoveryCodes: issued.length }), tx);
    return issued;
  });
  return ok({ recoveryCodes: codes });
}

/**
 * Turns TOTP off (doctors only) after the password and a second-factor code; a recovery code is
 * accepted so someone who lost their phone can switch off and enrol a new one.
 */
export async function disableTotp(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<null>> {
  const allowed = await authorize(actor, "mfa.manage_own", ownAccount(actor), context);
  if (!allowed.ok) return allowed;
  const me = allowed.actor;
  if (me.role === "ADMIN") {
    await recordAuditEvent(auditEntry(me, "mfa.disable", "DENY", context, { reason: "admin_requires_mfa" }));
    return fail("FORBIDDEN", ADMIN_KEEPS_MFA_MESSAGE);
  }

  const parsed = disableSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const user = await db().user.findUnique({ where: { id: me.id }, select: { id: true, email: true, passwordHash: true, totpSecret: true, totpEnabledAt: true } });
  if (!user) return fail("NOT_FOUND", "Not found.");
  if (!user.totpEnabledAt) return fail("CONFLICT", NOT_ON_MESSAGE);

  const refusal = await secretAttemptsRefusal(user.email, context);
  if (refusal) return refusal;
  const wrong = async (field: "password" | "code", reason: string, message: string) => {
    await recordWrongSecret(user.email, context);
    await recordAuditEvent(auditEntry(me, "mfa.disable", "DENY", context, { reason }));
    return fail("VALIDATION", message, { [field]: [message] });
  };
  if (!(await verifyPassword(user.passwordHash, parsed.data.password))) return wrong("password", "wrong_password", "Your password is not correct.");
  if (!(await verifySecondFactor(user, parsed.data.code))) return wrong("code", "bad_second_factor", "That code is not valid. Enter the current code from your authenticator app, or an unused recovery code.");

  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: me.id }, data: { totpSecret: null, totpEnabledAt: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: me.id } });
    await recordAuditEvent(auditEntry(me, "mfa.disable", "ALLOW", context), tx);
  });
  return ok(null);
}
