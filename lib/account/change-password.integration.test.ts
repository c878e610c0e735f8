/** Changing a password against the suite's real Postgres, checked through the real login path. */
import { randomInt, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { INVALID_CREDENTIALS_MESSAGE, verifyLogin } from "@/lib/auth/verify-login";
import type { Actor, RequestContext } from "@/lib/authz/actor";
import { PASSWORDS_DIFFER_MESSAGE, WRONG_CURRENT_PASSWORD_MESSAGE, changePassword } from "./change-password";

const OLD_PASSWORD = "quiet harbour lantern meadow";
const NEW_PASSWORD = "velvet canyon orbit pepper";

/** A random client address per test, so the per-IP login limit never couples tests together. */
const newContext = (): RequestContext => ({ ip: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`, userAgent: "vitest" });

async function createPatient() {
  const email = `password-${randomUUID()}@example.test`;
  const user = await db().user.create({ data: { email, name: "Morgan Example", role: "PATIENT", passwordHash: await hashPassword(OLD_PASSWORD) } });
  const actor: Actor = { id: user.id, role: "PATIENT", status: "ACTIVE", verification: null, mfaEnabled: false, sessionVersion: user.sessionVersion };
  return { actor, email, context: newContext() };
}

const sessionVersionOf = async (id: string) => (await db().user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;

describe("changePassword", () => {
  it("rejects a wrong current password and changes nothing", async () => {
    const { actor, email, context } = await createPatient();
    const result = await changePassword(actor, { currentPassword: "not the password", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, context);
    expect(result).toEqual({ ok: false, error: { code: "VALIDATION", message: expect.any(String), fieldErrors: { currentPassword: [WRONG_CURRENT_PASSWORD_MESSAGE] } } });
    expect(await sessionVersionOf(actor.id)).toBe(1);
    expect(await verifyLogin({ email, password: OLD_PASSWORD }, context)).toMatchObject({ ok: true });
    const denied = await db().auditEvent.findFirst({ where: { actorId: actor.id, action: "account.password_change" }, select: { outcome: true } });
    expect(denied).toEqual({ outcome: "DENY" });
  });

  it("rejects a weak new password, one containing the user's name, and the current one again", async () => {
    const { actor, context } = await createPatient();
    for (const weak of ["password1234", "morganexample", OLD_PASSWORD]) {
      const result = await changePassword(actor, { currentPassword: OLD_PASSWORD, newPassword: weak, confirmPassword: weak }, context);
      expect(result).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { newPassword: [expect.any(String)] } } });
      if (!result.ok) expect(Object.keys(result.error.fieldErrors ?? {})).toEqual(["newPassword"]);
    }
    expect(await sessionVersionOf(actor.id)).toBe(1);
  });

  it("rejects a confirmation that does not match", async () => {
    const { actor, context } = await createPatient();
    const result = await changePassword(actor, { currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` }, context);
    expect(result).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { confirmPassword: [PASSWORDS_DIFFER_MESSAGE] } } });
    expect(await sessionVersionOf(actor.id)).toBe(1);
  });

  it("requires every field", async () => {
    const { actor, context } = await createPatient();
    const result = await changePassword(actor, { currentPassword: "", newPassword: "" }, context);
    expect(result).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { currentPassword: [expect.any(String)], newPassword: [expect.any(String)], confirmPassword: [expect.any(String)] } } });
  });

  it("changes the password, bumps the session version and retires the old password", async () => {
    const { actor, email, context } = await createPatient();
    const result = await changePassword(actor, { currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, context);
    expect(result).toEqual({ ok: true, value: null });
    expect(await sessionVersionOf(actor.id)).toBe(2);

    expect(await verifyLogin({ email, password: OLD_PASSWORD }, context)).toEqual({ ok: false, error: { code: "VALIDATION", message: INVALID_CREDENTIALS_MESSAGE } });
    expect(await verifyLogin({ email, password: NEW_PASSWORD }, context)).toEqual({ ok: true, value: { userId: actor.id, sessionVersion: 2 } });
    const events = await db().auditEvent.findMany({ where: { actorId: actor.id, action: "account.password_change" }, select: { outcome: true } });
    expect(events).toEqual([{ outcome: "ALLOW" }]);
  });

  it("stops guessing the current password after five wrong attempts", async () => {
    const { actor, context } = await createPatient();
    const attempt = (currentPassword: string) => changePassword(actor, { currentPassword, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, context);
    for (let i = 0; i < 5; i++) expect(await attempt(`guess number ${i}`)).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await attempt(OLD_PASSWORD)).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
  });

  it("refuses anyone not signed in", async () => {
    expect(await changePassword(null, { currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});
