/**
 * Patient registration against the suite's real Postgres: every invalid input is refused with its field
 * message and leaves nothing behind; duplicate emails (any case, also when racing) get exactly one
 * account; invitation links work once, only before they expire, and only if genuine.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);

import { db } from "@/lib/db/client";
import { createPatientInvitation } from "@/lib/invitations/create-invitation";
import { createRealUser, createTestFacility, deleteRealUsers, type RealUser } from "@/scripts/test-support/real-actors";
import { DUPLICATE_EMAIL_MESSAGE, INVALID_INVITATION_MESSAGE, registerPatient } from "./register-patient";

const run = randomUUID().slice(0, 8);
const email = (label = "patient") => `reg-${run}-${label}-${randomUUID().slice(0, 8)}@example.test`;
const PASSWORD = "velvet canyon orbit pepper";
const PUBLIC_ID = /^MA-[0-9A-Z]{5}-[0-9A-Z]{5}$/;
const TOO_COMMON = "This password is too common or easy to guess. Add more unrelated words.";

const valid = (overrides: Record<string, unknown> = {}) => ({ name: "Sam Registrant", email: email(), password: PASSWORD, dateOfBirth: "1990-04-12", phone: "+31 20 123 4567", ...overrides });

/** Everything a registration writes. */
async function stored() {
  const [users, patientProfiles, doctorPatients, usedInvitations, registrations] = await Promise.all([
    db().user.count(),
    db().patientProfile.count(),
    db().doctorPatient.count(),
    db().patientInvitation.count({ where: { usedAt: { not: null } } }),
    db().auditEvent.count({ where: { action: "account.register" } }),
  ]);
  return { users, patientProfiles, doctorPatients, usedInvitations, registrations };
}

const userByEmail = (address: string) => db().user.findUnique({ where: { email: address.trim().toLowerCase() }, select: { id: true } });

async function expectRefusedWithNothingStored(input: Record<string, unknown>, expected: { code: string; field: string; message: string }) {
  const before = await stored();
  const result = await registerPatient(input);
  expect(result).toMatchObject({ ok: false, error: { code: expected.code, fieldErrors: { [expected.field]: expect.arrayContaining([expected.message]) } } });
  expect(await stored()).toEqual(before);
  if (typeof input.email === "string" && expected.field !== "email") expect(await userByEmail(input.email)).toBeNull();
}

let doctor: RealUser;

beforeAll(async () => {
  doctor = await createRealUser("verifiedDoctor", await createTestFacility(`Registration Clinic ${run}`));
});

afterAll(async () => {
  await db().user.deleteMany({ where: { email: { startsWith: `reg-${run}-` } } });
  await deleteRealUsers();
});

describe("registerPatient", () => {
  it("creates the account, its profile with a public id, an argon2id hash and an audit event", async () => {
    const input = valid({ email: `  Reg-${run}-Mixed-${randomUUID().slice(0, 8)}@Example.TEST ` });
    const result = await registerPatient(input, { ip: "203.0.113.9", userAgent: "vitest" });
    expect(result).toEqual({ ok: true, value: { userId: expect.any(String), publicId: expect.stringMatching(PUBLIC_ID) } });
    if (!result.ok) return;

    const user = await db().user.findUniqueOrThrow({ where: { id: result.value.userId }, include: { patientProfile: true } });
    expect(user).toMatchObject({ email: String(input.email).trim().toLowerCase(), name: "Sam Registrant", role: "PATIENT", status: "ACTIVE", sessionVersion: 1, totpEnabledAt: null });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.patientProfile).toMatchObject({ publicId: result.value.publicId, dateOfBirth: new Date("1990-04-12T00:00:00Z"), phone: "+31 20 123 4567" });
    const events = await db().auditEvent.findMany({ where: { subjectId: user.id, action: "account.register" } });
    expect(events).toMatchObject([{ actorId: user.id, actorRole: "PATIENT", outcome: "ALLOW", ip: "203.0.113.9", details: { viaInvitation: false } }]);
  });

  const tomorrow = new Date(Date.now() + 36 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const invalid: [string, Record<string, unknown>, string, string][] = [
    ["a malformed email", { email: "not-an-email" }, "email", "Enter a valid email address, like name@example.com."],
    ["an email with a space inside", { email: "sam registrant@example.test" }, "email", "Enter a valid email address, like name@example.com."],
    ["a missing email", { email: undefined }, "email", "Enter your email address."],
    ["a too-short password", { password: "short words" }, "password", "Use at least 12 characters; a phrase of a few unrelated words works well."],
    ["a common password", { password: "password1234" }, "password", TOO_COMMON],
    ["a keyboard-walk password", { password: "qwertyuiop123" }, "password", TOO_COMMON],
    ["a password made of the user's own name", { name: "Quillon Brackenbury", password: "quillonbrackenbury" }, "password", TOO_COMMON],
    ["a password over 128 characters", { password: "correct horse battery ".repeat(6) }, "password", "Use at most 128 characters."],
    ["a date of birth in the future", { dateOfBirth: tomorrow }, "dateOfBirth", "Date of birth can't be in the future."],
    ["a date of birth before 1900", { dateOfBirth: "1899-12-31" }, "dateOfBirth", "Enter a date after 1900."],
    ["a date of birth in another format", { dateOfBirth: "12/04/1990" }, "dateOfBirth", "Enter your date of birth."],
    ["a blank name", { name: "  " }, "name", "Enter your full name."],
    ["a phone number with letters", { phone: "call me maybe" }, "phone", "Enter a phone number with digits, spaces or dashes, optionally starting with +."],
  ];
  it.each(invalid)("refuses %s with its field message and stores nothing", async (_case, overrides, field, message) => {
    await expectRefusedWithNothingStored(valid(overrides), { code: "VALIDATION", field, message });
  });

  it("accepts that same name-based password for someone with another name (it is the name that makes it weak)", async () => {
    expect(await registerPatient(valid({ name: "Sam Registrant", password: "quillonbrackenbury" }))).toMatchObject({ ok: true });
  });

  it("refuses the user's own full name or email name as the password, however it is separated", async () => {
    const name = "Quillon Brackenbury";
    for (const password of ["Quillon Brackenbury", "quillon brackenbury", "quillon.brackenbury"]) {
      const address = `reg-${run}-${randomUUID().slice(0, 4)}-quillon.brackenbury@example.test`;
      await expectRefusedWithNothingStored(valid({ name, email: address, password }), { code: "VALIDATION", field: "password", message: TOO_COMMON });
    }
  });

  it("refuses a calendar date that does not exist instead of rolling it over", async () => {
    for (const dateOfBirth of ["2001-02-30", "2001-02-29", "1990-04-31"]) {
      await expectRefusedWithNothingStored(valid({ dateOfBirth }), { code: "VALIDATION", field: "dateOfBirth", message: "Enter a real date." });
    }
  });

  it("refuses an email already registered in another case, and stores nothing", async () => {
    const address = email("dup");
    expect(await registerPatient(valid({ email: address }))).toMatchObject({ ok: true });
    for (const variant of [address.toUpperCase(), ` ${address[0]!.toUpperCase()}${address.slice(1)} `]) {
      const before = await stored();
      expect(await registerPatient(valid({ email: variant }))).toEqual({ ok: false, error: { code: "CONFLICT", message: DUPLICATE_EMAIL_MESSAGE, fieldErrors: { email: [DUPLICATE_EMAIL_MESSAGE] } } });
      expect(await stored()).toEqual(before);
    }
  });

  it("creates exactly one account when ten registrations race with one email in different cases", async () => {
    const address = email("race");
    const variants = Array.from({ length: 10 }, (_, i) => (i % 3 === 0 ? address.toUpperCase() : i % 3 === 1 ? address : `${address.slice(0, 4).toUpperCase()}${address.slice(4)}`));
    const before = await stored();
    const results = await Promise.all(variants.map((variant) => registerPatient(valid({ email: variant }))));

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const refused of results.filter((r) => !r.ok)) {
      expect(refused).toEqual({ ok: false, error: { code: "CONFLICT", message: DUPLICATE_EMAIL_MESSAGE, fieldErrors: { email: [DUPLICATE_EMAIL_MESSAGE] } } });
    }
    expect(await db().user.count({ where: { email: address } })).toBe(1);
    const after = await stored();
    expect(after).toEqual({ ...before, users: before.users + 1, patientProfiles: before.patientProfiles + 1, registrations: before.registrations + 1 });
  });

  it("gives every patient a distinct public id in the MA-XXXXX-XXXXX format", async () => {
    const ids: string[] = [];
    for (let batch = 0; batch < 4; batch++) {
      const results = await Promise.all(Array.from({ length: 10 }, () => registerPatient(valid({ email: email("pid") }))));
      for (const result of results) {
        expect(result.ok).toBe(true);
        if (result.ok) ids.push(result.value.publicId!);
      }
    }
    for (const id of ids) expect(id).toMatch(PUBLIC_ID);
    // Crockford alphabet: no I, L, O or U to misread.
    for (const id of ids) expect(id.slice(3)).not.toMatch(/[ILOU]/);
    expect(new Set(ids).size).toBe(ids.length);
    const [row] = await db().$queryRaw<{ total: bigint; distinct: bigint }[]>`SELECT count(*) AS total, count(DISTINCT public_id) AS distinct FROM patient_profiles`;
    expect(row!.distinct).toBe(row!.total);
  });
});

describe("registerPatient with a doctor's invitation", () => {
  async function invite(): Promise<{ token: string; invitationId: string }> {
    const created = await createPatientInvitation(doctor.actor, { patientName: "Invited Patient", email: email("invited") });
    if (!created.ok) throw new Error(`invitation failed: ${created.error.code}`);
    const token = new URL(created.value.registrationPath, "http://localhost").searchParams.get("invite");
    if (!token) throw new Error("no token in the registration path");
    return { token, invitationId: created.value.invitationId };
  }

  const invalidInvitation = { ok: false, error: { code: "INVALID_INVITATION", message: INVALID_INVITATION_MESSAGE, fieldErrors: { form: [INVALID_INVITATION_MESSAGE] } } };

  async function expectInvitationRefused(token: string) {
    const address = email("refused");
    const before = await stored();
    expect(await registerPatient(valid({ email: address, invitationToken: token }))).toEqual(invalidInvitation);
    expect(await stored()).toEqual(before);
    // The user row is created first inside the transaction: it must have been rolled back too.
    expect(await userByEmail(address)).toBeNull();
  }

  it("links the new patient to the inviting doctor and uses up the invitation", async () => {
    const { token, invitationId } = await invite();
    const result = await registerPatient(valid({ invitationToken: token }));
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;

    expect(await db().doctorPatient.findMany({ where: { patientId: result.value.userId } })).toMatchObject([{ doctorId: doctor.userId, patientId: result.value.userId }]);
    expect(await db().patientInvitation.findUniqueOrThrow({ where: { id: invitationId } })).toMatchObject({ usedById: result.value.userId, usedAt: expect.any(Date) });
    expect(await db().auditEvent.findFirst({ where: { subjectId: result.value.userId, action: "account.register" } })).toMatchObject({ details: { viaInvitation: true } });
  });

  it("refuses an expired invitation and stores nothing", async () => {
    const { token, invitationId } = await invite();
    await db().patientInvitation.update({ where: { id: invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectInvitationRefused(token);
    expect(await db().patientInvitation.findUniqueOrThrow({ where: { id: invitationId } })).toMatchObject({ usedAt: null, usedById: null });
  });

  it("refuses an invitation that was already used and stores nothing", async () => {
    const { token, invitationId } = await invite();
    const first = await registerPatient(valid({ invitationToken: token }));
    expect(first.ok).toBe(true);
    await expectInvitationRefused(token);
    expect(await db().patientInvitation.findUniqueOrThrow({ where: { id: invitationId } })).toMatchObject({ usedById: first.ok ? first.value.userId : "" });
  });

  it("refuses a forged token and stores nothing", async () => {
    await invite();
    await expectInvitationRefused(randomBytes(32).toString("base64url"));
    await expectInvitationRefused("x");
  });

  it("lets exactly one of several registrations racing on one invitation through", async () => {
    const { token, invitationId } = await invite();
    const addresses = Array.from({ length: 5 }, () => email("token-race"));
    const before = await stored();
    const results = await Promise.all(addresses.map((address) => registerPatient(valid({ email: address, invitationToken: token }))));

    const winners = results.flatMap((r) => (r.ok ? [r.value.userId] : []));
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => !r.ok)) expect(loser).toEqual(invalidInvitation);
    expect(await db().doctorPatient.findMany({ where: { patientId: { in: winners } } })).toHaveLength(1);
    expect(await db().patientInvitation.findUniqueOrThrow({ where: { id: invitationId } })).toMatchObject({ usedById: winners[0] });
    expect(await db().user.count({ where: { email: { in: addresses } } })).toBe(1);
    expect(await stored()).toEqual({ ...before, users: before.users + 1, patientProfiles: before.patientProfiles + 1, doctorPatients: before.doctorPatients + 1, usedInvitations: before.usedInvitations + 1, registrations: before.registrations + 1 });
  });
});
