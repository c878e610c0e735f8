/**
 * TOTP enrolment, recovery codes and disabling against the suite's real Postgres, and the login check
 * (verifyLogin) that relies on what enrolment stores.
 */
import { randomInt, randomUUID } from "node:crypto";
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { getOwnProfile } from "@/lib/account/get-profile";
import { hashPassword } from "@/lib/auth/password";
import { INVALID_CREDENTIALS_MESSAGE, verifyLogin } from "@/lib/auth/verify-login";
import type { Actor, RequestContext } from "@/lib/authz/actor";
import { ADMIN_KEEPS_MFA_MESSAGE, STALE_ENROLMENT_MESSAGE, WRONG_TOTP_MESSAGE, confirmTotpEnrolment, disableTotp, regenerateRecoveryCodes, startTotpEnrolment } from "./enrolment";
import { newTotpSecret } from "./totp";
import { verifySecondFactor } from "./verify-second-factor";

const PASSWORD = "quiet harbour lantern meadow";
const RECOVERY_CODE = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

/** A random client address per test, so the per-IP login limit never couples tests together. */
const newContext = (): RequestContext => ({ ip: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`, userAgent: "vitest" });

async function createUser(role: Role) {
  const email = `mfa-${randomUUID()}@example.test`;
  const user = await db().user.create({ data: { email, name: "Robin Testperson", role, passwordHash: await hashPassword(PASSWORD) } });
  const actor: Actor = { id: user.id, role, status: "ACTIVE", verification: role === "DOCTOR" ? "VERIFIED" : null, mfaEnabled: false, sessionVersion: user.sessionVersion };
  return { actor, email, context: newContext() };
}

async function enrol(actor: Actor, context: RequestContext) {
  const started = await startTotpEnrolment(actor, context);
  if (!started.ok) throw new Error(`start failed: ${started.error.code}`);
  const { secret, signature } = started.value;
  const confirmed = await confirmTotpEnrolment(actor, { secret, signature, code: await generate({ secret }) }, context);
  if (!confirmed.ok) throw new Error(`confirm failed: ${confirmed.error.code}`);
  actor.mfaEnabled = true;
  return { secret, recoveryCodes: confirmed.value.recoveryCodes };
}

const stored = (userId: string) => db().user.findUniqueOrThrow({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true, recoveryCodes: { select: { codeHash: true, usedAt: true } } } });
const auditActions = async (userId: string) => (await db().auditEvent.findMany({ where: { actorId: userId }, orderBy: { id: "asc" }, select: { action: true, outcome: true } })).map((e) => `${e.action}:${e.outcome}`);

describe("TOTP enrolment", () => {
  it("enrols a doctor with a code from the pending secret and issues ten recovery codes once", async () => {
    const { actor, context } = await createUser("DOCTOR");
    const started = await startTotpEnrolment(actor, context);
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(started.value.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.value.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*issuer=MedAnchor/);
    expect(started.value.otpauthUri).toContain(`secret=${started.value.secret}`);
    expect(started.value.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // Nothing is stored until the user proves their app has the secret.
    expect((await stored(actor.id)).totpSecret).toBeNull();

    const { secret } = started.value;
    const confirmed = await confirmTotpEnrolment(actor, { ...started.value, code: await generate({ secret }) }, context);
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    const codes = confirmed.value.recoveryCodes;
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(RECOVERY_CODE);
    expect(new Set(codes).size).toBe(10);

    const row = await stored(actor.id);
    expect(row.totpSecret).toBe(secret);
    expect(row.totpEnabledAt).toBeInstanceOf(Date);
    expect(row.recoveryCodes).toHaveLength(10);
    expect(row.recoveryCodes.map((r) => r.codeHash)).not.toContain(codes[0]);
    expect(await auditActions(actor.id)).toContain("mfa.enrol:ALLOW");

    const again = await startTotpEnrolment(actor, context);
    expect(again).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    const profile = await getOwnProfile(actor, context);
    expect(profile).toMatchObject({ ok: true, value: { mfaEnabled: true, recoveryCodesLeft: 10 } });
  });

  it("rejects a tampered signature, a swapped secret and another user's signature", async () => {
    const { actor, context } = await createUser("DOCTOR");
    const other = await createUser("ADMIN");
    const started = await startTotpEnrolment(actor, context);
    const otherStarted = await startTotpEnrolment(other.actor, other.context);
    if (!started.ok || !otherStarted.ok) throw new Error("start failed");
    const { secret, signature } = started.value;
    const code = await generate({ secret });

    const flipped = signature.slice(0, -1) + (signature.endsWith("0") ? "1" : "0");
    const attempts = [
      { secret, signature: flipped, code },
      { secret, signature: "zz", code },
      { secret: newTotpSecret(), signature, code },
      { secret: otherStarted.value.secret, signature: otherStarted.value.signature, code: await generate({ secret: otherStarted.value.secret }) },
    ];
    for (const attempt of attempts) {
      const result = await confirmTotpEnrolment(actor, attempt, context);
      expect(result).toEqual({ ok: false, error: { code: "VALIDATION", message: STALE_ENROLMENT_MESSAGE, fieldErrors: { form: [STALE_ENROLMENT_MESSAGE] } } });
    }
    expect((await stored(actor.id)).totpEnabledAt).toBeNull();
  });

  it("rejects a wrong or malformed code and stores nothing", async () => {
    const { actor, context } = await createUser("DOCTOR");
    const started = await startTotpEnrolment(actor, context);
    if (!started.ok) throw new Error("start failed");
    const codeForAnotherSecret = await generate({ secret: newTotpSecret() });

    const wrong = await confirmTotpEnrolment(actor, { ...started.value, code: codeForAnotherSecret }, context);
    expect(wrong).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { code: [WRONG_TOTP_MESSAGE] } } });
    const malformed = await confirmTotpEnrolment(actor, { ...started.value, code: "12ab" }, context);
    expect(malformed).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { code: [expect.stringContaining("6-digit")] } } });

    const row = await stored(actor.id);
    expect(row.totpEnabledAt).toBeNull();
    expect(row.recoveryCodes).toHaveLength(0);
  });

  it("accepts a code typed with a space", async () => {
    const { actor, context } = await createUser("ADMIN");
    const started = await startTotpEnrolment(actor, context);
    if (!started.ok) throw new Error("start failed");
    const code = await generate({ secret: started.value.secret });
    const result = await confirmTotpEnrolment(actor, { ...started.value, code: `${code.slice(0, 3)} ${code.slice(3)}` }, context);
    expect(result.ok).toBe(true);
  });

  it("hides MFA management from patients (NOT_FOUND) and requires a signed-in user", async () => {
    const { actor, context } = await createUser("PATIENT");
    const results = [
      await startTotpEnrolment(actor, context),
      await confirmTotpEnrolment(actor, { secret: "A".repeat(32), signature: "0".repeat(64), code: "123456" }, context),
      await regenerateRecoveryCodes(actor, { code: "123456" }, context),
      await disableTotp(actor, { password: PASSWORD, code: "123456" }, context),
    ];
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await startTotpEnrolment(null, context)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});

describe("signing in with a second factor", () => {
  it("asks for the code once enrolled, accepts a valid TOTP and refuses a bad one", async () => {
    const { actor, email, context } = await createUser("DOCTOR");
    expect(await verifyLogin({ email, password: PASSWORD }, context)).toMatchObject({ ok: true });
    const { secret } = await enrol(actor, context);

    const withoutCode = await verifyLogin({ email, password: PASSWORD }, context);
    expect(withoutCode).toMatchObject({ ok: false, error: { code: "MFA_REQUIRED", message: expect.stringContaining("Enter the 6-digit code") } });
    const withCode = await verifyLogin({ email, password: PASSWORD, code: await generate({ secret }) }, context);
    expect(withCode).toEqual({ ok: true, value: { userId: actor.id, sessionVersion: 1 } });
    const badCode = await verifyLogin({ email, password: PASSWORD, code: await generate({ secret: newTotpSecret() }) }, context);
    expect(badCode).toMatchObject({ ok: false, error: { code: "MFA_REQUIRED", message: expect.stringContaining("not valid") } });
    // The second factor is asked only after the password is right.
    const badPassword = await verifyLogin({ email, password: "wrong password entirely", code: await generate({ secret }) }, context);
    expect(badPassword).toMatchObject({ ok: false, error: { code: "VALIDATION", message: INVALID_CREDENTIALS_MESSAGE } });
  });

  it("accepts each recovery code exactly once, through verifySecondFactor and verifyLogin", async () => {
    const { actor, email, context } = await createUser("ADMIN");
    const { recoveryCodes } = await enrol(actor, context);
    const [first, second, third] = recoveryCodes as [string, string, string];
    const user = { id: actor.id, totpSecret: (await stored(actor.id)).totpSecret };

    expect(await verifySecondFactor(user, first)).toBe(true);
    expect(await verifySecondFactor(user, first)).toBe(false);
    // Typed loosely: lower case, no dash.
    expect(await verifySecondFactor(user, second.replace("-", "").toLowerCase())).toBe(true);

    expect(await verifyLogin({ email, password: PASSWORD, code: third }, context)).toMatchObject({ ok: true });
    expect(await verifyLogin({ email, password: PASSWORD, code: third }, context)).toMatchObject({ ok: false, error: { code: "MFA_REQUIRED", message: expect.stringContaining("not valid") } });

    const profile = await getOwnProfile(actor, context);
    expect(profile).toMatchObject({ ok: true, value: { recoveryCodesLeft: 7 } });
  });
});

describe("managing an enrolled second factor", () => {
  it("regenerates recovery codes with a current TOTP code, invalidating the old ones", async () => {
    const { actor, context } = await createUser("DOCTOR");
    const { secret, recoveryCodes: oldCodes } = await enrol(actor, context);

    const wrong = await regenerateRecoveryCodes(actor, { code: await generate({ secret: newTotpSecret() }) }, context);
    expect(wrong).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { code: [WRONG_TOTP_MESSAGE] } } });
    // A recovery code is not enough to mint new ones.
    expect(await regenerateRecoveryCodes(actor, { code: oldCodes[0] }, context)).toMatchObject({ ok: false, error: { code: "VALIDATION" } });

    const regenerated = await regenerateRecoveryCodes(actor, { code: await generate({ secret }) }, context);
    expect(regenerated.ok).toBe(true);
    if (!regenerated.ok) return;
    expect(regenerated.value.recoveryCodes).toHaveLength(10);
    expect(regenerated.value.recoveryCodes.filter((c) => oldCodes.includes(c))).toHaveLength(0);

    const user = { id: actor.id, totpSecret: secret };
    expect(await verifySecondFactor(user, oldCodes[1]!)).toBe(false);
    expect(await verifySecondFactor(user, regenerated.value.recoveryCodes[0]!)).toBe(true);
    expect(await auditActions(actor.id)).toEqual(expect.arrayContaining(["mfa.recovery_codes_regenerate:DENY", "mfa.recovery_codes_regenerate:ALLOW"]));
  });

  it("lets a doctor turn it off with password and code, after which login needs no code", async () => {
    const { actor, email, context } = await createUser("DOCTOR");
    const { secret } = await enrol(actor, context);

    const wrongPassword = await disableTotp(actor, { password: "not my password at all", code: await generate({ secret }) }, context);
    expect(wrongPassword).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { password: [expect.any(String)] } } });
    const wrongCode = await disableTotp(actor, { password: PASSWORD, code: await generate({ secret: newTotpSecret() }) }, context);
    expect(wrongCode).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { code: [expect.any(String)] } } });
    expect((await stored(actor.id)).totpEnabledAt).not.toBeNull();

    expect(await disableTotp(actor, { password: PASSWORD, code: await generate({ secret }) }, context)).toEqual({ ok: true, value: null });
    const row = await stored(actor.id);
    expect(row).toEqual({ totpSecret: null, totpEnabledAt: null, recoveryCodes: [] });
    expect(await verifyLogin({ email, password: PASSWORD }, context)).toMatchObject({ ok: true });
    expect(await auditActions(actor.id)).toEqual(expect.arrayContaining(["mfa.disable:DENY", "mfa.disable:ALLOW"]));
  });

  it("lets a doctor who lost their phone turn it off with a recovery code", async () => {
    const { actor, context } = await createUser("DOCTOR");
    const { recoveryCodes } = await enrol(actor, context);
    expect(await disableTotp(actor, { password: PASSWORD, code: recoveryCodes[4] }, context)).toEqual({ ok: true, value: null });
  });

  it("refuses to turn it off for an administrator", async () => {
    const { actor, context } = await createUser("ADMIN");
    const { secret } = await enrol(actor, context);
    const result = await disableTotp(actor, { password: PASSWORD, code: await generate({ secret }) }, context);
    expect(result).toEqual({ ok: false, error: { code: "FORBIDDEN", message: ADMIN_KEEPS_MFA_MESSAGE } });
    const row = await stored(actor.id);
    expect(row.totpSecret).toBe(secret);
    expect(row.recoveryCodes).toHaveLength(10);
    expect(await auditActions(actor.id)).toContain("mfa.disable:DENY");
  });

  it("stops guessing after five wrong codes (the sign-in limit)", async () => {
    const { actor, context } = await createUser("DOCTOR");
    const { secret } = await enrol(actor, context);
    const wrongCode = await generate({ secret: newTotpSecret() });
    for (let i = 0; i < 5; i++) expect(await regenerateRecoveryCodes(actor, { code: wrongCode }, context)).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await regenerateRecoveryCodes(actor, { code: await generate({ secret }) }, context)).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
  });
});
