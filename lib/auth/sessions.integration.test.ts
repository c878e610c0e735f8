/**
 * Server-side sessions and the login check against the suite's real Postgres: what ends a session
 * (password change, logout everywhere, logout, revocation, idling, suspension), fresh ids per login,
 * and verifyLogin's rate limits and its refusal to reveal which emails are registered.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import { changePassword } from "@/lib/account/change-password";
import type { RequestContext } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { decideDoctor } from "@/lib/doctors/decide-doctor";
import { serverEnv } from "@/lib/env";
import { FIXTURE_PASSWORD, createRealUser, createTestFacility, deleteRealUsers, type ActorKind, type RealUser } from "@/scripts/test-support/real-actors";
import { beginRequest, randomTestIp, requestScope } from "@/scripts/test-support/request-scope";
import { loadActor } from "./current-actor";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from "./login-rate-limit";
import { openSession, revokeSession } from "./sessions";
import { logout, logoutEverywhere } from "./sign-out";
import { INVALID_CREDENTIALS_MESSAGE, verifyLogin } from "./verify-login";

const NEW_PASSWORD = "velvet canyon orbit pepper";
const RATE_LIMITED = /^Too many failed sign-in attempts\. Try again in (\d+) minutes?\.$/;
const badCredentials = { ok: false, error: { code: "VALIDATION", message: INVALID_CREDENTIALS_MESSAGE } };

let facilityId: string;
const user = (kind: ActorKind = "patient") => createRealUser(kind, facilityId);
const context = (): RequestContext => ({ ip: randomTestIp(), userAgent: "vitest" });
/** What a login does after verifyLogin says yes. */
const signIn = async (u: RealUser) => openSession(u.userId!, (await db().user.findUniqueOrThrow({ where: { id: u.userId! } })).sessionVersion);
const loads = async (sessionId: string) => (await loadActor(sessionId)) !== null;

beforeAll(async () => {
  facilityId = await createTestFacility("Sessions Clinic");
});

afterAll(async () => {
  await deleteRealUsers();
});

describe("a session", () => {
  it("loads its user fresh from the database on every request", async () => {
    const patient = await user();
    expect(patient.actor).toEqual({ id: patient.userId, role: "PATIENT", status: "ACTIVE", verification: null, mfaEnabled: false, sessionVersion: 1 });
    // Enabling a second factor (or any change to the user) shows on the next request, not at token expiry.
    await db().user.update({ where: { id: patient.userId! }, data: { totpEnabledAt: new Date() } });
    expect(await loadActor(patient.sessionId!)).toMatchObject({ id: patient.userId, mfaEnabled: true });
  });

  it("is new on each login: a different id every time, each usable", async () => {
    const patient = await user();
    const ids = [patient.sessionId!];
    for (let i = 0; i < 5; i++) ids.push(await signIn(patient));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(await loadActor(id)).toMatchObject({ id: patient.userId });
  });

  it("is not found for a missing, malformed or unknown id", async () => {
    const patient = await user();
    for (const id of [undefined, "", "not-a-session", "'; DROP TABLE sessions; --", randomUUID(), patient.sessionId!.toUpperCase(), `${patient.sessionId}0`]) {
      expect(await loadActor(id), String(id)).toBeNull();
    }
    expect(await loads(patient.sessionId!)).toBe(true);
  });
});

describe("what ends sessions", () => {
  it("a password change ends every session of that user, on every device, and no one else's", async () => {
    const patient = await user();
    const otherDevice = await signIn(patient);
    const bystander = await user();

    const changed = await changePassword(patient.actor, { currentPassword: FIXTURE_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, context());
    expect(changed).toEqual({ ok: true, value: null });

    expect(await loads(patient.sessionId!)).toBe(false);
    expect(await loads(otherDevice)).toBe(false);
    expect(await loads(bystander.sessionId!)).toBe(true);
    // Signing in again with the new password gives a session under the new version.
    const login = await verifyLogin({ email: patient.email, password: NEW_PASSWORD }, context());
    expect(login).toEqual({ ok: true, value: { userId: patient.userId, sessionVersion: 2 } });
    expect(await loadActor(await openSession(patient.userId!, 2))).toMatchObject({ id: patient.userId, sessionVersion: 2 });
  });

  it("logout everywhere ends every session of that user and signs the browser out", async () => {
    const doctor = await user("pendingDoctor");
    const otherDevice = await signIn(doctor);
    const bystander = await user();
    beginRequest(doctor.sessionId!);
    const signOutsBefore = requestScope.signOuts;

    expect(await logoutEverywhere(doctor.actor)).toEqual({ ok: true, value: null });

    expect(await loads(doctor.sessionId!)).toBe(false);
    expect(await loads(otherDevice)).toBe(false);
    expect(await loads(bystander.sessionId!)).toBe(true);
    expect(requestScope.signOuts).toBe(signOutsBefore + 1);
    expect(await db().auditEvent.findFirst({ where: { actorId: doctor.userId, action: "auth.logout_everywhere" } })).toMatchObject({ outcome: "ALLOW", ip: requestScope.ip });
  });

  it("logout ends the session that sent the request, and only that one", async () => {
    const admin = await user("admin");
    const otherDevice = await signIn(admin);
    beginRequest(admin.sessionId!);

    await logout(admin.actor);

    expect(await loads(admin.sessionId!)).toBe(false);
    expect(await loads(otherDevice)).toBe(true);
    expect(await db().auditEvent.findFirst({ where: { actorId: admin.userId, action: "auth.logout" } })).toMatchObject({ outcome: "ALLOW" });
  });

  it("revoking a session ends it alone, and revoking it again changes nothing", async () => {
    const patient = await user();
    const otherDevice = await signIn(patient);

    await revokeSession(patient.sessionId!);
    const { revokedAt } = await db().session.findUniqueOrThrow({ where: { id: patient.sessionId! } });
    expect(revokedAt).toBeInstanceOf(Date);
    await revokeSession(patient.sessionId!);
    await revokeSession(undefined);

    expect(await db().session.findUniqueOrThrow({ where: { id: patient.sessionId! } })).toMatchObject({ revokedAt });
    expect(await loads(patient.sessionId!)).toBe(false);
    expect(await loads(otherDevice)).toBe(true);
  });

  it(`idling for longer than SESSION_IDLE_MINUTES ends a session; activity keeps it alive`, async () => {
    const idleMinutes = serverEnv().sessionIdleMinutes;
    const patient = await user();
    const idle = patient.sessionId!;
    const active = await signIn(patient);
    const recent = await signIn(patient);
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    await db().session.update({ where: { id: idle }, data: { lastSeenAt: minutesAgo(idleMinutes + 1) } });
    await db().session.update({ where: { id: active }, data: { lastSeenAt: minutesAgo(idleMinutes - 1) } });
    const recentlySeen = new Date(Date.now() - 20_000);
    await db().session.update({ where: { id: recent }, data: { lastSeenAt: recentlySeen } });

    expect(await loads(idle)).toBe(false);
    expect(await loads(active)).toBe(true);
    // Using the session counts as activity: its idle clock starts again.
    const touched = await db().session.findUniqueOrThrow({ where: { id: active } });
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(10_000);
    // Within the last minute the activity is not written again (one write per minute at most).
    expect(await loads(recent)).toBe(true);
    expect((await db().session.findUniqueOrThrow({ where: { id: recent } })).lastSeenAt).toEqual(recentlySeen);
  });

  it("a suspended account's sessions no longer load", async () => {
    const patient = await user();
    await db().user.update({ where: { id: patient.userId! }, data: { status: "SUSPENDED" } });
    expect(await loads(patient.sessionId!)).toBe(false);
  });

  it("a suspended doctor's sessions no longer load, and reinstating does not bring them back", async () => {
    const admin = await user("admin");
    const doctor = await user("verifiedDoctor");
    const otherDevice = await signIn(doctor);
    expect(doctor.actor).toMatchObject({ role: "DOCTOR", verification: "VERIFIED" });

    expect(await decideDoctor(admin.actor, { doctorId: doctor.userId, decision: "SUSPEND", reason: "License under review by the board." })).toMatchObject({ ok: true, value: { state: "SUSPENDED" } });
    expect(await loads(doctor.sessionId!)).toBe(false);
    expect(await loads(otherDevice)).toBe(false);
    // Still refused when they sign in while suspended: the session opens but never loads.
    expect(await loads(await signIn(doctor))).toBe(false);

    expect(await decideDoctor(admin.actor, { doctorId: doctor.userId, decision: "REINSTATE" })).toMatchObject({ ok: true, value: { state: "VERIFIED" } });
    expect(await loads(doctor.sessionId!)).toBe(false);
    expect(await loadActor(await signIn(doctor))).toMatchObject({ id: doctor.userId, verification: "VERIFIED" });
  });

  it("a doctor suspended without a session-version bump is refused all the same", async () => {
    const doctor = await user("verifiedDoctor");
    await db().doctorProfile.update({ where: { userId: doctor.userId! }, data: { verification: "SUSPENDED" } });
    expect(await loads(doctor.sessionId!)).toBe(false);
  });
});

describe("verifyLogin", () => {
  it("gives the same answer for an unknown email and a wrong password, and a generic one for a suspended account's wrong password", async () => {
    const patient = await user();
    const suspended = await user();
    await db().user.update({ where: { id: suspended.userId! }, data: { status: "SUSPENDED" } });

    const unknown = await verifyLogin({ email: `nobody-${randomUUID()}@example.test`, password: FIXTURE_PASSWORD }, context());
    const wrong = await verifyLogin({ email: patient.email, password: "not the right password" }, context());
    const wrongForSuspended = await verifyLogin({ email: suspended.email, password: "not the right password" }, context());
    expect(unknown).toEqual(badCredentials);
    expect(wrong).toEqual(unknown);
    expect(wrongForSuspended).toEqual(unknown);
  });

  it("accepts the email in any case", async () => {
    const patient = await user();
    expect(await verifyLogin({ email: `  ${patient.email!.toUpperCase()} `, password: FIXTURE_PASSWORD }, context())).toEqual({ ok: true, value: { userId: patient.userId, sessionVersion: 1 } });
  });

  it(`refuses even the right password after ${MAX_FAILURES_PER_ACCOUNT} failures, says how long to wait, and audits it`, async () => {
    const patient = await user();
    const ctx = context();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) expect(await verifyLogin({ email: patient.email, password: `wrong guess ${i}` }, ctx)).toEqual(badCredentials);

    const refused = await verifyLogin({ email: patient.email, password: FIXTURE_PASSWORD }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: "RATE_LIMITED", message: expect.stringMatching(RATE_LIMITED) } });
    const minutes = Number((refused.ok ? "" : refused.error.message).match(RATE_LIMITED)?.[1]);
    expect(minutes).toBeGreaterThanOrEqual(14);
    expect(minutes).toBeLessThanOrEqual(15);

    const events = await db().auditEvent.findMany({ where: { action: "auth.login", ip: ctx.ip }, orderBy: { id: "asc" }, select: { outcome: true, details: true, subjectId: true } });
    expect(events).toEqual([
      ...Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, () => ({ outcome: "DENY", details: { reason: "bad_credentials" }, subjectId: patient.userId })),
      { outcome: "DENY", details: { reason: "rate_limited" }, subjectId: null },
    ]);
  });

  it("counts an account's failures across client addresses", async () => {
    const patient = await user();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await verifyLogin({ email: patient.email, password: `wrong guess ${i}` }, context());
    expect(await verifyLogin({ email: patient.email, password: FIXTURE_PASSWORD }, context())).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
  });

  it("limits an unregistered email exactly like a registered one", async () => {
    const email = `nobody-${randomUUID()}@example.test`;
    const ctx = context();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) expect(await verifyLogin({ email, password: `wrong guess ${i}` }, ctx)).toEqual(badCredentials);
    expect(await verifyLogin({ email, password: FIXTURE_PASSWORD }, ctx)).toMatchObject({ ok: false, error: { code: "RATE_LIMITED", message: expect.stringMatching(RATE_LIMITED) } });
  });

  it("does not lock other accounts out of a shared address below the per-address limit", async () => {
    const [patient, colleague] = [await user(), await user()];
    const ctx = context();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await verifyLogin({ email: patient.email, password: `wrong guess ${i}` }, ctx);
    expect(await verifyLogin({ email: colleague.email, password: FIXTURE_PASSWORD }, ctx)).toMatchObject({ ok: true });
  });

  it(`blocks an address after ${MAX_FAILURES_PER_IP} failures, whichever accounts they were for`, async () => {
    const patient = await user();
    const ctx = context();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await verifyLogin({ email: `spray-${i}-${randomUUID()}@example.test`, password: "wrong guess" }, ctx);
    expect(await verifyLogin({ email: patient.email, password: FIXTURE_PASSWORD }, ctx)).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    expect(await verifyLogin({ email: patient.email, password: FIXTURE_PASSWORD }, context())).toMatchObject({ ok: true });
  });

  it("does not let parallel guesses get past the per-account limit", async () => {
    const patient = await user();
    const results = await Promise.all(Array.from({ length: 3 * MAX_FAILURES_PER_ACCOUNT }, (_, i) => verifyLogin({ email: patient.email, password: `parallel guess ${i}` }, context())));
    const checked = results.filter((r) => !r.ok && r.error.code === "VALIDATION").length;
    expect(checked, `${checked} passwords were checked in one burst; at most ${MAX_FAILURES_PER_ACCOUNT} may be`).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(await verifyLogin({ email: patient.email, password: FIXTURE_PASSWORD }, context())).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
  });
});
