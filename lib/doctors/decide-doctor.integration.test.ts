/**
 * Doctor verification decisions against the suite's real Postgres: the state machine, required
 * reasons, session ending on suspension, the audit trail, authorization, and two admins racing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { anchorPending } from "@/lib/anchors/anchor-worker";
import { chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import { ATTESTATION_VALID_DAYS, expireAttestations } from "./attestation-anchor";
import { decideDoctor } from "./decide-doctor";
import { getDoctorApplication } from "./get-doctor-application";
import { listDoctorApplications } from "./list-doctor-applications";
import { listVerifiedDoctors } from "./search-doctors";

const run = randomUUID().slice(0, 8);
const unique = () => `${run}-${randomUUID().slice(0, 8)}`;
const createdUserIds: string[] = [];
let facilityId: string;

async function createUser(role: "ADMIN" | "PATIENT", mfa: boolean): Promise<Actor> {
  const user = await db().user.create({
    data: { email: `decide-${role.toLowerCase()}-${unique()}@example.test`, name: `Test ${role}`, role, totpEnabledAt: mfa ? new Date() : null },
  });
  createdUserIds.push(user.id);
  return { id: user.id, role, status: "ACTIVE", verification: null, mfaEnabled: mfa, sessionVersion: 1 };
}

async function createApplication(name = `Dr Applicant ${unique()}`): Promise<string> {
  const user = await db().user.create({ data: { email: `decide-doctor-${unique()}@example.test`, name, role: "DOCTOR" } });
  createdUserIds.push(user.id);
  await db().doctorProfile.create({
    data: { userId: user.id, specialty: "Cardiology", licenseJurisdiction: `T-${run}`, licenseNumber: unique(), facilityId, timeZone: "Europe/Berlin", bio: "Twenty years in cardiology." },
  });
  return user.id;
}

const profileOf = (doctorId: string) => db().doctorProfile.findUniqueOrThrow({ where: { userId: doctorId } });
const decisionEvents = (doctorId: string) => db().auditEvent.findMany({ where: { subjectId: doctorId, action: { startsWith: "doctor." } }, orderBy: { id: "asc" } });

let admin: Actor;

beforeAll(async () => {
  const facility = await db().facility.create({ data: { name: `Decide Clinic ${run}`, city: "Berlin" } });
  facilityId = facility.id;
  admin = await createUser("ADMIN", true);
});

afterAll(async () => {
  await db().user.deleteMany({ where: { id: { in: createdUserIds } } });
  await db().facility.delete({ where: { id: facilityId } });
});

describe("decideDoctor authorization", () => {
  it("refuses a missing actor, a patient and an admin without a second factor", async () => {
    const doctorId = await createApplication();
    const input = { doctorId, decision: "VERIFY" };
    const patient = await createUser("PATIENT", false);
    const adminWithoutMfa = await createUser("ADMIN", false);

    expect(await decideDoctor(null, input)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    expect(await decideDoctor(patient, input)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await decideDoctor(adminWithoutMfa, input)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect((await profileOf(doctorId)).verification).toBe("PENDING");

    const denials = await db().auditEvent.findMany({ where: { action: "authz.deny", subjectId: doctorId } });
    expect(denials).toHaveLength(3);
  });

  it("hides applications from non-admins and refuses them the queue", async () => {
    const doctorId = await createApplication();
    const patient = await createUser("PATIENT", false);

    expect(await getDoctorApplication(patient, { doctorId })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await listDoctorApplications(patient, { page: 1 })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await listDoctorApplications(null, { page: 1 })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});

describe("decideDoctor transitions", () => {
  it("verifies a pending application, recording who and when, with an audit event", async () => {
    const doctorId = await createApplication();
    const result = await decideDoctor(admin, { doctorId, decision: "VERIFY" }, { ip: "203.0.113.7", userAgent: "vitest" });

    expect(result).toMatchObject({ ok: true, value: { doctorId, state: "VERIFIED" } });
    const profile = await profileOf(doctorId);
    expect(profile).toMatchObject({ verification: "VERIFIED", decidedById: admin.id, decisionReason: null });
    expect(profile.decidedAt).toBeInstanceOf(Date);

    const events = await decisionEvents(doctorId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "doctor.verify", actorId: admin.id, actorRole: "ADMIN", subjectType: "user", outcome: "ALLOW", ip: "203.0.113.7", details: { from: "PENDING", to: "VERIFIED" } });
  });

  it("requires a reason of 5 to 500 characters to reject, and stores it for the doctor to see", async () => {
    const doctorId = await createApplication();

    for (const reason of [undefined, "", "   ", "nope", "x".repeat(501)]) {
      const refused = await decideDoctor(admin, { doctorId, decision: "REJECT", reason });
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.error.code).toBe("VALIDATION");
        expect(refused.error.fieldErrors?.reason?.length).toBeGreaterThan(0);
      }
    }
    expect((await profileOf(doctorId)).verification).toBe("PENDING");

    const reason = "License number not found in the GMC register.";
    expect(await decideDoctor(admin, { doctorId, decision: "REJECT", reason: `  ${reason}  ` })).toMatchObject({ ok: true, value: { state: "REJECTED" } });
    expect(await profileOf(doctorId)).toMatchObject({ verification: "REJECTED", decisionReason: reason, decidedById: admin.id });

    const application = await getDoctorApplication(admin, { doctorId });
    expect(application).toMatchObject({ ok: true, value: { state: "REJECTED", bio: "Twenty years in cardiology.", lastDecision: { reason, decidedByName: "Test ADMIN" }, allowedDecisions: [] } });
    expect(await decisionEvents(doctorId)).toMatchObject([{ action: "doctor.reject", details: { reason } }]);
  });

  it("suspends a verified doctor with a reason, ending their sessions, then reinstates them", async () => {
    const doctorId = await createApplication();
    await decideDoctor(admin, { doctorId, decision: "VERIFY" });
    const { sessionVersion } = await db().user.findUniqueOrThrow({ where: { id: doctorId } });

    const noReason = await decideDoctor(admin, { doctorId, decision: "SUSPEND" });
    expect(noReason).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { reason: [expect.any(String)] } } });

    const reason = "Complaint under investigation by the medical board.";
    expect(await decideDoctor(admin, { doctorId, decision: "SUSPEND", reason })).toMatchObject({ ok: true, value: { state: "SUSPENDED" } });
    expect(await profileOf(doctorId)).toMatchObject({ verification: "SUSPENDED", decisionReason: reason });
    expect((await db().user.findUniqueOrThrow({ where: { id: doctorId } })).sessionVersion).toBe(sessionVersion + 1);

    expect(await decideDoctor(admin, { doctorId, decision: "REINSTATE" })).toMatchObject({ ok: true, value: { state: "VERIFIED" } });
    expect(await profileOf(doctorId)).toMatchObject({ verification: "VERIFIED", decisionReason: null });
    // Reinstating lets new sessions in; it does not revive the ones suspension ended.
    expect((await db().user.findUniqueOrThrow({ where: { id: doctorId } })).sessionVersion).toBe(sessionVersion + 1);

    expect((await decisionEvents(doctorId)).map((e) => e.action)).toEqual(["doctor.verify", "doctor.suspend", "doctor.reinstate"]);
  });

  it("attests each verification on chain and revokes the attestation on suspension, then anchors them", async () => {
    const doctorId = await createApplication();
    await decideDoctor(admin, { doctorId, decision: "VERIFY" });
    await decideDoctor(admin, { doctorId, decision: "SUSPEND", reason: "Licence under review by the board." });
    await decideDoctor(admin, { doctorId, decision: "REINSTATE" });
    const rows = await db().anchor.findMany({ where: { kind: "ATTESTATION", subjectId: doctorId }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["RECORD", "REVOKE", "RECORD"]);
    expect(rows[1]!.anchorId).toBe(rows[0]!.anchorId);
    expect(rows[2]!.anchorId).not.toBe(rows[0]!.anchorId);
    expect(rows[0]!.validUntil!.getTime() - rows[0]!.validFrom!.getTime()).toBe(ATTESTATION_VALID_DAYS * 86_400_000);
    // Nothing identifying goes on chain: the commitment is a salted hash of ids and times.
    expect(JSON.stringify(rows)).not.toContain("license");

    await anchorPending();
    const anchored = await db().anchor.findMany({ where: { kind: "ATTESTATION", subjectId: doctorId } });
    expect(anchored.every((r) => r.state === "CONFIRMED")).toBe(true);
    const valid = (id: string) => chainPublicClient().readContract({ address: contractAddress(), abi: medAnchorAbi, functionName: "isAttestationValid", args: [id as `0x${string}`] });
    expect(await valid(rows[0]!.anchorId)).toBe(false);
    expect(await valid(rows[2]!.anchorId)).toBe(true);
    await db().anchor.deleteMany({ where: { subjectId: doctorId } });
  });

  it("bounds the attestation by the licence's last day, and records its expiry once, settled without a transaction", async () => {
    const doctorId = await createApplication();
    const lastDay = new Date(Date.now() + 10 * 86_400_000);
    lastDay.setUTCHours(0, 0, 0, 0);
    await db().doctorProfile.update({ where: { userId: doctorId }, data: { licenseValidUntil: lastDay } });
    await decideDoctor(admin, { doctorId, decision: "VERIFY" });
    const record = await db().anchor.findFirstOrThrow({ where: { kind: "ATTESTATION", subjectId: doctorId, action: "RECORD" } });
    expect(record.validUntil!.getTime()).toBe(lastDay.getTime() + 86_400_000);
    await anchorPending();

    // The licence runs out: the worker records the expiry once; nothing is sent, the window ends it on chain.
    await db().anchor.update({ where: { id: record.id }, data: { validUntil: new Date(Date.now() - 1000) } });
    expect((await expireAttestations()).expired).toBeGreaterThanOrEqual(1);
    await expireAttestations();
    const expiries = await db().anchor.findMany({ where: { anchorId: record.anchorId, action: "EXPIRE" } });
    expect(expiries).toHaveLength(1);
    await anchorPending();
    expect(await db().anchor.findUniqueOrThrow({ where: { id: expiries[0]!.id } })).toMatchObject({ state: "CONFIRMED", transactionId: null });
    expect(await db().auditEvent.count({ where: { action: "doctor.attestation_expired", subjectId: doctorId } })).toBe(1);
    await db().anchor.deleteMany({ where: { subjectId: doctorId } });
  });

  it("answers CONFLICT with a clear message for transitions the state machine does not have", async () => {
    const pending = await createApplication();
    const rejected = await createApplication();
    await decideDoctor(admin, { doctorId: rejected, decision: "REJECT", reason: "Incomplete application." });
    const verified = await createApplication();
    await decideDoctor(admin, { doctorId: verified, decision: "VERIFY" });

    const cases = [
      { doctorId: pending, decision: "SUSPEND", reason: "Some reason here." },
      { doctorId: pending, decision: "REINSTATE" },
      { doctorId: verified, decision: "VERIFY" },
      { doctorId: verified, decision: "REJECT", reason: "Some reason here." },
      { doctorId: rejected, decision: "VERIFY" },
      { doctorId: rejected, decision: "REJECT", reason: "Some reason here." },
      { doctorId: rejected, decision: "SUSPEND", reason: "Some reason here." },
    ];
    for (const input of cases) {
      const result = await decideDoctor(admin, input);
      expect(result, `${input.decision} on ${input.doctorId}`).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringMatching(/^(Can.t|This) .{15,}\.$/) } });
    }
    expect(await decideDoctor(admin, { doctorId: rejected, decision: "VERIFY" })).toMatchObject({ error: { message: expect.stringContaining("rejected") } });
    expect((await profileOf(pending)).verification).toBe("PENDING");
    expect((await profileOf(verified)).verification).toBe("VERIFIED");
    expect((await profileOf(rejected)).verification).toBe("REJECTED");
  });

  it("answers NOT_FOUND for an unknown doctor", async () => {
    expect(await decideDoctor(admin, { doctorId: randomUUID(), decision: "VERIFY" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await getDoctorApplication(admin, { doctorId: randomUUID() })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await getDoctorApplication(admin, { doctorId: "not-a-uuid" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("lets exactly one of two concurrent decisions on one application win", async () => {
    for (let round = 0; round < 5; round++) {
      const doctorId = await createApplication();
      const secondAdmin = await createUser("ADMIN", true);
      const results = await Promise.all([
        decideDoctor(admin, { doctorId, decision: "VERIFY" }),
        decideDoctor(secondAdmin, { doctorId, decision: "REJECT", reason: "Could not confirm the license." }),
      ]);

      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toMatchObject([{ error: { code: "CONFLICT" } }]);
      const winner = results[0]!.ok ? "VERIFIED" : "REJECTED";
      expect((await profileOf(doctorId)).verification).toBe(winner);
      expect(await decisionEvents(doctorId)).toHaveLength(1);
    }
  });
});

describe("listing applications and the directory", () => {
  it("filters the queue by state and search, newest first", async () => {
    const name = `Dr Searchable ${unique()}`;
    const older = await createApplication(`${name} A`);
    const newer = await createApplication(`${name} B`);

    const pending = await listDoctorApplications(admin, { state: "PENDING", query: name.toUpperCase(), page: "1" });
    expect(pending).toMatchObject({ ok: true, value: { total: 2, page: 1, pageSize: 20, pageCount: 1 } });
    if (!pending.ok) return;
    expect(pending.value.items.map((i) => i.doctorId)).toEqual([newer, older]);
    expect(pending.value.items[0]).toMatchObject({ specialty: "Cardiology", facilityName: `Decide Clinic ${run}`, timeZone: "Europe/Berlin", state: "PENDING" });

    await decideDoctor(admin, { doctorId: older, decision: "VERIFY" });
    const verified = await listDoctorApplications(admin, { state: "VERIFIED", query: name, page: 1 });
    expect(verified.ok && verified.value.items.map((i) => i.doctorId)).toEqual([older]);

    const beyondTheEnd = await listDoctorApplications(admin, { query: name, page: 99 });
    expect(beyondTheEnd).toMatchObject({ ok: true, value: { page: 1, total: 2 } });
  });

  it("shows only verified doctors in the directory, without contact or license details", async () => {
    const name = `Dr Directory ${unique()}`;
    const verified = await createApplication(`${name} Verified`);
    await createApplication(`${name} Pending`);
    await decideDoctor(admin, { doctorId: verified, decision: "VERIFY" });
    const patient = await createUser("PATIENT", false);

    const result = await listVerifiedDoctors(patient, { query: name, page: 1 });
    expect(result).toMatchObject({ ok: true, value: { total: 1 } });
    if (!result.ok) return;
    expect(result.value.items).toEqual([{ doctorId: verified, name: `${name} Verified`, specialty: "Cardiology", facilityName: `Decide Clinic ${run}`, facilityCity: "Berlin", timeZone: "Europe/Berlin" }]);
    expect(await listVerifiedDoctors(null, { page: 1 })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});

describe("decideDoctor notifications", () => {
  it("queues a mail to the doctor with each committed decision, in its transaction, and none for a refused one", async () => {
    const doctorId = await createApplication();
    // Preferences do not apply: account mails are always sent.
    await db().mailPreference.create({ data: { userId: doctorId, appointments: false, reminders: false, access: false } });
    expect((await decideDoctor(admin, { doctorId, decision: "VERIFY" })).ok).toBe(true);
    expect((await decideDoctor(admin, { doctorId, decision: "SUSPEND", reason: "License under review by the board" })).ok).toBe(true);
    expect((await decideDoctor(admin, { doctorId, decision: "VERIFY" })).ok).toBe(false);
    const queued = await db().mailOutbox.findMany({ where: { userId: doctorId }, orderBy: { createdAt: "asc" }, select: { template: true, data: true } });
    expect(queued).toEqual([
      { template: "account.verified", data: {} },
      { template: "account.suspended", data: {} },
    ]);
  });
});
