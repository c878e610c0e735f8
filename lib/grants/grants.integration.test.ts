/**
 * Access grants against the suite's real Postgres and S3 server: requests, decisions (with narrowing),
 * proactive sharing, revocation and expiry; enforcement on every read and upload; the outbox rows each
 * change writes; and the patient's access log.
 */
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import { anchorPending } from "@/lib/anchors/anchor-worker";
import { anchorCommitment } from "@/lib/anchors/commitment";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { listAccessLog } from "@/lib/documents/access-log";
import { getDocument } from "@/lib/documents/get-document";
import { listGrantedDocuments } from "@/lib/documents/list-documents";
import { openDocumentContent } from "@/lib/documents/open-content";
import { openUpload } from "@/lib/documents/open-upload";
import { receiveUpload } from "@/lib/documents/receive-upload";
import { createAdmin, createDoctor, createPatient, createVerifiedDoctor, deleteTestData, storeTestDocument, testPdf, type TestPatient } from "@/lib/testing/fixtures";
import { createGrant } from "./create-grant";
import { decideAccessRequest } from "./decide-request";
import { expireGrants } from "./expire-grants";
import { grantDigest } from "./grant-anchor";
import { ledger, LEDGER_UNAVAILABLE_MESSAGE } from "./ledger-check";
import { listGrants } from "./list-grants";
import { getPatientForDoctor, listMyPatients } from "./my-patients";
import { requestAccess } from "./request-access";
import { revokeGrant } from "./revoke-grant";

const pdf = testPdf;
const upload = storeTestDocument;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

let patient: TestPatient;
let otherPatient: TestPatient;
let doctor: Actor;
let strangerDoctor: Actor;
let bloodPanel: string;
let xray: string;

beforeAll(async () => {
  patient = await createPatient({ name: "Grant Patient" });
  otherPatient = await createPatient();
  doctor = (await createVerifiedDoctor({ name: "Grant Doctor" })).actor!;
  strangerDoctor = (await createVerifiedDoctor()).actor!;
  await db().doctorPatient.create({ data: { doctorId: doctor.id, patientId: patient.user.id } });
  bloodPanel = await upload(patient.actor, pdf("blood"), { title: "Blood panel", kind: "LAB_RESULT" });
  xray = await upload(patient.actor, pdf("xray"), { title: "Chest X-ray", kind: "IMAGING" });
});

afterAll(async () => {
  await deleteTestData();
});

const ask = (actor: Actor | null, input: Record<string, unknown> = {}) =>
  requestAccess(actor, { patientId: patient.user.id, reason: "Follow-up on your blood results", allDocuments: true, permission: "READ", durationDays: 7, ...input });

async function endAllGrants() {
  await db().accessGrant.updateMany({ where: { patientId: patient.user.id, state: { in: ["ACTIVE", "REQUESTED"] } }, data: { state: "REVOKED", endedAt: new Date() } });
}

describe("requesting access", () => {
  it("lets a doctor ask only patients they see, once at a time, with clear validation", async () => {
    expect(await ask(strangerDoctor)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await ask(patient.actor)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await ask(null)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    const invalid = await ask(doctor, { reason: "", durationDays: 400 });
    expect(invalid).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    if (!invalid.ok) expect(Object.keys(invalid.error.fieldErrors ?? {})).toEqual(expect.arrayContaining(["reason", "durationDays"]));

    // Two requests at the same moment: exactly one is stored.
    const [first, second] = await Promise.all([ask(doctor), ask(doctor)]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect([first, second].find((r) => !r.ok)).toMatchObject({ error: { code: "CONFLICT" } });
    const asked = first.ok ? first : second;
    expect(await ask(doctor)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    const notification = await db().notification.findFirst({ where: { userId: patient.user.id, kind: "grant.requested" } });
    expect(notification?.grantId).toBe(asked.ok ? asked.value.grantId : null);
    await endAllGrants();
  });
});

describe("approving a narrowed request", () => {
  it("opens exactly the chosen document, read-only, for the chosen days, and anchors the grant", async () => {
    const asked = await ask(doctor, { permission: "READ_WRITE", durationDays: 14 });
    if (!asked.ok) throw new Error(asked.error.message);
    const grantId = asked.value.grantId;
    // Before approval: nothing readable.
    expect(await openDocumentContent(doctor, bloodPanel)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    // Widening is refused; another patient cannot decide.
    expect(await decideAccessRequest(doctor, { decision: "approve", grantId, allDocuments: false, documentIds: [bloodPanel], permission: "READ" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await decideAccessRequest(otherPatient.actor, { decision: "deny", grantId })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await decideAccessRequest(patient.actor, { decision: "approve", grantId, allDocuments: false, documentIds: [bloodPanel], permission: "READ", durationDays: 30 })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await decideAccessRequest(patient.actor, { decision: "approve", grantId, allDocuments: false, documentIds: [], permission: "READ" })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    const foreign = await upload(otherPatient.actor, pdf("foreign"));
    expect(await decideAccessRequest(patient.actor, { decision: "approve", grantId, allDocuments: false, documentIds: [foreign], permission: "READ" })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });

    const before = Date.now();
    expect(await decideAccessRequest(patient.actor, { decision: "approve", grantId, allDocuments: false, documentIds: [bloodPanel], permission: "READ", durationDays: 3 })).toEqual({ ok: true, value: { grantId, state: "ACTIVE" } });
    expect(await decideAccessRequest(patient.actor, { decision: "deny", grantId })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });

    const grant = await db().accessGrant.findUniqueOrThrow({ where: { id: grantId } });
    expect(grant).toMatchObject({ state: "ACTIVE", permission: "READ", allDocuments: false });
    expect(grant.notAfter!.getTime() - grant.notBefore!.getTime()).toBe(3 * 86_400_000);
    expect(grant.notBefore!.getTime()).toBeGreaterThanOrEqual(before - 5);

    // Approved but not yet on chain: still closed to the doctor.
    expect(await openDocumentContent(doctor, bloodPanel)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    await anchorPending();
    const content = await openDocumentContent(doctor, bloodPanel);
    if (!content.ok) throw new Error(content.error.message);
    expect((await readAll(content.value.stream)).toString()).toContain("% blood");
    expect(await openDocumentContent(doctor, xray)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await openDocumentContent(strangerDoctor, bloodPanel)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await getDocument(doctor, { documentId: bloodPanel })).toMatchObject({ ok: true, value: { id: bloodPanel, ownerId: patient.user.id } });
    const visible = await listGrantedDocuments(doctor, patient.user.id);
    expect(visible.ok && visible.value.items.map((d) => d.id)).toEqual([bloodPanel]);
    expect(await listGrantedDocuments(strangerDoctor, patient.user.id)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });

    const anchors = await db().anchor.findMany({ where: { kind: "GRANT", subjectId: grantId } });
    expect(anchors).toHaveLength(1);
    expect(anchors[0]).toMatchObject({ action: "RECORD", state: "CONFIRMED", validFrom: grant.notBefore, validUntil: grant.notAfter });
    const digest = grantDigest({ id: grantId, patientId: patient.user.id, doctorId: doctor.id, permission: "READ", allDocuments: false, documentIds: [bloodPanel], notBefore: grant.notBefore!, notAfter: grant.notAfter! });
    expect(anchors[0]!.commitment).toBe(anchorCommitment(digest, anchors[0]!.salt));
    // No personal data in what goes on chain: the commitment is a salted hash, not the digest.
    expect(anchors[0]!.commitment).not.toContain(digest);

    // Read-only: uploads are refused with a reason.
    const refused = await openUpload(doctor, { patientId: patient.user.id, title: "Report", kind: "REPORT", declaredType: "application/pdf", declaredSize: 10 });
    expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN", message: expect.stringMatching(/read-only/) } });

    // Revocation bites on the next request and is anchored under the same id.
    expect(await revokeGrant(otherPatient.actor, { grantId })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await revokeGrant(patient.actor, { grantId })).toEqual({ ok: true, value: { grantId } });
    expect(await revokeGrant(patient.actor, { grantId })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await openDocumentContent(doctor, bloodPanel)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    const revoke = await db().anchor.findFirst({ where: { subjectId: grantId, action: "REVOKE" } });
    expect(revoke).toMatchObject({ anchorId: anchors[0]!.anchorId, commitment: anchors[0]!.commitment });

    // Once the revocation is on chain, an altered row opens nothing: the contract says no.
    await anchorPending();
    await db().accessGrant.update({ where: { id: grantId }, data: { state: "ACTIVE", endedAt: null } });
    expect(await openDocumentContent(doctor, bloodPanel)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    await db().accessGrant.update({ where: { id: grantId }, data: { state: "REVOKED", endedAt: new Date() } });
  });
});

describe("the patient's access log", () => {
  it("lists the doctor's view and refused attempts on the patient's documents, never another patient's", async () => {
    const log = await listAccessLog(patient.actor);
    if (!log.ok) throw new Error(log.error.message);
    const entries = log.value.items;
    expect(entries.some((e) => e.action === "view" && e.who === "Dr. Grant Doctor" && e.document?.id === bloodPanel && e.outcome === "ALLOW")).toBe(true);
    expect(entries.some((e) => e.action === "denied" && e.who === "Dr. Grant Doctor" && e.document?.id === xray && e.outcome === "DENY")).toBe(true);
    expect(entries.some((e) => e.action === "grant.revoke")).toBe(false); // the patient's own actions are left out by default
    const all = await listAccessLog(patient.actor, { who: "all" });
    expect(all.ok && all.value.items.some((e) => e.action === "grant.revoke" && e.who === "You")).toBe(true);
    const others = await listAccessLog(otherPatient.actor);
    expect(others.ok && others.value.items.some((e) => e.document?.id === bloodPanel)).toBe(false);
    expect(await listAccessLog(doctor)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("denying", () => {
  it("closes the request and notifies the doctor", async () => {
    const asked = await ask(doctor);
    if (!asked.ok) throw new Error(asked.error.message);
    expect(await decideAccessRequest(patient.actor, { decision: "deny", grantId: asked.value.grantId })).toEqual({ ok: true, value: { grantId: asked.value.grantId, state: "DENIED" } });
    expect(await db().notification.count({ where: { userId: doctor.id, kind: "grant.denied", grantId: asked.value.grantId } })).toBe(1);
    expect(await db().anchor.count({ where: { subjectId: asked.value.grantId } })).toBe(0);
  });
});

describe("grants tied to a visit", () => {
  it("end 24 hours after the visit ends", async () => {
    const startsAt = new Date(Date.now() + 2 * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
    const visit = await db().appointment.create({ data: { doctorId: doctor.id, patientId: patient.user.id, startsAt, endsAt, idempotencyKey: crypto.randomUUID() } });
    const asked = await ask(doctor, { appointmentId: visit.id, durationDays: undefined });
    if (!asked.ok) throw new Error(asked.error.message);
    const approved = await decideAccessRequest(patient.actor, { decision: "approve", grantId: asked.value.grantId, allDocuments: true, documentIds: [], permission: "READ" });
    expect(approved.ok).toBe(true);
    await anchorPending();
    const grant = await db().accessGrant.findUniqueOrThrow({ where: { id: asked.value.grantId } });
    expect(grant.notAfter!.getTime()).toBe(endsAt.getTime() + 24 * 3_600_000);
    // All documents: the later upload is covered too.
    const later = await upload(patient.actor, pdf("later"), { title: "Later letter" });
    expect((await openDocumentContent(doctor, later)).ok).toBe(true);
    const seen = await getPatientForDoctor(doctor, patient.user.id);
    expect(seen).toMatchObject({ ok: true, value: { access: "READ", visits: [{ id: visit.id }] } });
    await endAllGrants();
  });
});

describe("proactive sharing and doctor uploads", () => {
  it("shares one document with a doctor until a day, and a READ_WRITE grant lets the doctor add a report", async () => {
    const unverified = await createDoctor({ verification: "PENDING" });
    expect(await createGrant(patient.actor, { doctorId: unverified.user.id, allDocuments: false, documentIds: [xray], permission: "READ", until: inDays(3) })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await createGrant(patient.actor, { doctorId: strangerDoctor.id, allDocuments: false, documentIds: [xray], permission: "READ", until: "2020-01-01" })).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { until: [expect.any(String)] } } });
    expect(await createGrant(doctor, { doctorId: strangerDoctor.id, allDocuments: true, documentIds: [], permission: "READ", until: today() })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });

    const shared = await createGrant(patient.actor, { doctorId: strangerDoctor.id, allDocuments: false, documentIds: [xray], permission: "READ_WRITE", until: today() });
    if (!shared.ok) throw new Error(shared.error.message);
    expect(await db().anchor.count({ where: { subjectId: shared.value.grantId, action: "RECORD" } })).toBe(1);
    await anchorPending();
    expect((await openDocumentContent(strangerDoctor, xray)).ok).toBe(true);
    expect(await openDocumentContent(strangerDoctor, bloodPanel)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    const patients = await listMyPatients(strangerDoctor);
    expect(patients.ok && patients.value.items.find((p) => p.id === patient.user.id)?.access).toBe("READ_WRITE");

    // The doctor adds a report: it belongs to the patient, and the doctor keeps seeing it under the grant.
    const report = await upload(strangerDoctor, pdf("report"), { patientId: patient.user.id, title: "Consultation report", kind: "REPORT" });
    const row = await db().document.findUniqueOrThrow({ where: { id: report } });
    expect(row).toMatchObject({ ownerId: patient.user.id, uploaderId: strangerDoctor.id, state: "STORED" });
    expect((await openDocumentContent(strangerDoctor, report)).ok).toBe(true);
    expect((await openDocumentContent(patient.actor, report)).ok).toBe(true);
    // No grant, no upload; another patient's records are not reachable through this patient's grant.
    expect(await openUpload(doctor, { patientId: patient.user.id, title: "Report", kind: "REPORT", declaredType: "application/pdf", declaredSize: 10 })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await openUpload(strangerDoctor, { patientId: otherPatient.user.id, title: "Report", kind: "REPORT", declaredType: "application/pdf", declaredSize: 10 })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });

    // A grant revoked while the bytes are on their way stops the upload: nothing stored, the row FAILED.
    const bytes = pdf("late");
    const opened = await openUpload(strangerDoctor, { patientId: patient.user.id, title: "Late report", kind: "REPORT", declaredType: "application/pdf", declaredSize: bytes.length });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(await revokeGrant(patient.actor, { grantId: shared.value.grantId })).toMatchObject({ ok: true });
    const late = await receiveUpload(opened.value.uploadId, strangerDoctor, Readable.from([bytes]));
    expect(late).toMatchObject({ ok: false, status: 403 });
    expect(await db().document.findUniqueOrThrow({ where: { id: opened.value.documentId } })).toMatchObject({ state: "FAILED" });
    expect(await openDocumentContent(strangerDoctor, report)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("expiry", () => {
  it("bites at the window's end before the worker runs, then the worker marks it EXPIRED with an anchor row", async () => {
    const shared = await createGrant(patient.actor, { doctorId: doctor.id, allDocuments: true, documentIds: [], permission: "READ", until: today() });
    if (!shared.ok) throw new Error(shared.error.message);
    await anchorPending();
    expect((await openDocumentContent(doctor, bloodPanel)).ok).toBe(true);
    // Move the window into the past (as if the day had ended).
    const past = new Date(Date.now() - 1000);
    await db().accessGrant.update({ where: { id: shared.value.grantId }, data: { notBefore: new Date(past.getTime() - 86_400_000), notAfter: past } });
    expect(await openDocumentContent(doctor, bloodPanel)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await openUpload(doctor, { patientId: patient.user.id, title: "Late report", kind: "REPORT", declaredType: "application/pdf", declaredSize: 10 })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const listed = await listGrants(patient.actor, { view: "ended" });
    expect(listed.ok && listed.value.items.find((g) => g.id === shared.value.grantId)?.state).toBe("EXPIRED");

    const swept = await expireGrants();
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    expect(await db().accessGrant.findUniqueOrThrow({ where: { id: shared.value.grantId } })).toMatchObject({ state: "EXPIRED" });
    expect(await db().anchor.count({ where: { subjectId: shared.value.grantId, action: "EXPIRE" } })).toBe(1);
    // Running it again changes nothing.
    await expireGrants();
    expect(await db().anchor.count({ where: { subjectId: shared.value.grantId, action: "EXPIRE" } })).toBe(1);
  });

  it("admins never read records, grant or no grant", async () => {
    const admin = await createAdmin({ mfa: true });
    expect(await openDocumentContent(admin.actor, bloodPanel)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await listGrantedDocuments(admin.actor, patient.user.id)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("when the chain cannot be read", () => {
  it("fails doctors' reads closed with a clear message while the patient keeps reading their own", async () => {
    const shared = await createGrant(patient.actor, { doctorId: doctor.id, allDocuments: true, documentIds: [], permission: "READ", until: today() });
    if (!shared.ok) throw new Error(shared.error.message);
    await anchorPending();
    expect((await openDocumentContent(doctor, xray)).ok).toBe(true);
    const down = vi.spyOn(ledger, "blockNumber").mockRejectedValue(new Error("connect ECONNREFUSED"));
    try {
      expect(await openDocumentContent(doctor, xray)).toEqual({ ok: false, error: { code: "UNAVAILABLE", message: LEDGER_UNAVAILABLE_MESSAGE } });
      expect(await listGrantedDocuments(doctor, patient.user.id)).toMatchObject({ ok: false, error: { code: "UNAVAILABLE" } });
      expect(await getPatientForDoctor(doctor, patient.user.id)).toMatchObject({ ok: true, value: { access: null, ledgerUnavailable: true } });
      expect((await openDocumentContent(patient.actor, xray)).ok).toBe(true);
    } finally {
      down.mockRestore();
    }
    await revokeGrant(patient.actor, { grantId: shared.value.grantId });
  });
});
