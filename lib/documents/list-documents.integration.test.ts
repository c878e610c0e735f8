/**
 * The patient's document list and detail services against the suite's real Postgres and S3 server:
 * ownership, filters, sorting, paging, states with failure reasons and the anchoring status.
 */
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import { db } from "@/lib/db/client";
import { createAdmin, createPatient, createVerifiedDoctor, deleteTestData, type TestPatient } from "@/lib/testing/fixtures";
import { getDocument } from "./get-document";
import { DOCUMENTS_PAGE_SIZE, listOwnDocuments } from "./list-documents";
import { openUpload, type OpenUploadInput } from "./open-upload";
import { receiveUpload } from "./receive-upload";

let patient: TestPatient;
let otherPatient: TestPatient;

const pdf = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << >> endobj\n%%EOF\n`);

async function upload(owner: TestPatient, bytes: Buffer, input: Partial<OpenUploadInput> = {}) {
  const opened = await openUpload(owner.actor, { title: "Document", kind: "OTHER", declaredType: "application/pdf", declaredSize: bytes.length, ...input });
  if (!opened.ok) throw new Error(opened.error.message);
  const received = await receiveUpload(opened.value.uploadId, owner.actor, Readable.from([bytes]));
  return { documentId: opened.value.documentId, received };
}

let stored: { documentId: string };
let failed: { documentId: string };
let opening: string;

beforeAll(async () => {
  patient = await createPatient();
  otherPatient = await createPatient();
  stored = await upload(patient, pdf("blood"), { title: "Blood panel March", kind: "LAB_RESULT", serviceDate: "2026-03-02" });
  await upload(patient, pdf("xray"), { title: "Chest X-ray", kind: "IMAGING", serviceDate: "2026-05-10" });
  await upload(patient, pdf("undated"), { title: "Undated letter", kind: "REFERRAL" });
  failed = await upload(patient, Buffer.from("<!doctype html><html><script>alert(1)</script></html>"), { title: "Renamed page", kind: "REPORT" });
  const opened = await openUpload(patient.actor, { title: "Still uploading", kind: "OTHER", declaredType: "application/pdf", declaredSize: 10 });
  if (!opened.ok) throw new Error(opened.error.message);
  opening = opened.value.documentId;
  await upload(otherPatient, pdf("other"), { title: "Blood panel of someone else", kind: "LAB_RESULT" });
});

afterAll(async () => {
  const documents = await db().document.findMany({ where: { ownerId: { in: [patient.user.id, otherPatient.user.id] } }, select: { id: true } });
  await db().anchor.deleteMany({ where: { subjectId: { in: documents.map((d) => d.id) } } });
  await deleteTestData();
});

describe("listOwnDocuments", () => {
  it("lists only the caller's documents, by date of service (undated last, by upload date), with states and anchoring", async () => {
    const result = await listOwnDocuments(patient.actor);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.total).toBe(5);
    expect(result.value.items.map((d) => d.title)).toEqual(["Chest X-ray", "Blood panel March", "Still uploading", "Renamed page", "Undated letter"]);
    const blood = result.value.items.find((d) => d.id === stored.documentId)!;
    expect(blood).toMatchObject({ state: "STORED", kind: "LAB_RESULT", serviceDate: "2026-03-02", type: "application/pdf", size: pdf("blood").length, uploadedBySelf: true, anchorStatus: "PENDING", failureReason: null });
    expect(blood.sha256).toMatch(/^[0-9a-f]{64}$/);
    const refused = result.value.items.find((d) => d.id === failed.documentId)!;
    expect(refused).toMatchObject({ state: "FAILED", sha256: null, anchorStatus: "NONE" });
    expect(refused.failureReason).toMatch(/not a PDF, PNG, JPEG, WebP or DICOM/);
    expect(result.value.items.find((d) => d.id === opening)).toMatchObject({ state: "UPLOADING", sha256: null });
  });

  it("sorts by upload date, filters by kind and title (case-insensitive), and ignores invalid filters", async () => {
    const byUpload = await listOwnDocuments(patient.actor, { sort: "uploaded" });
    expect(byUpload.ok && byUpload.value.items.map((d) => d.title)).toEqual(["Still uploading", "Renamed page", "Undated letter", "Chest X-ray", "Blood panel March"]);
    const labs = await listOwnDocuments(patient.actor, { kind: "LAB_RESULT" });
    expect(labs.ok && labs.value.items.map((d) => d.title)).toEqual(["Blood panel March"]);
    const search = await listOwnDocuments(patient.actor, { q: "  x-RAY " });
    expect(search.ok && search.value.items.map((d) => d.title)).toEqual(["Chest X-ray"]);
    const junk = await listOwnDocuments(patient.actor, { kind: "EXE", sort: "size", page: "-3" });
    expect(junk.ok && junk.value).toMatchObject({ total: 5, page: 1 });
  });

  it("pages 20 at a time and clamps a page past the end", async () => {
    const many = await createPatient();
    for (let i = 0; i < DOCUMENTS_PAGE_SIZE + 2; i++) {
      const opened = await openUpload(many.actor, { title: `Scan ${i}`, kind: "IMAGING", declaredType: "application/pdf", declaredSize: 10 });
      expect(opened.ok).toBe(true);
    }
    const first = await listOwnDocuments(many.actor);
    expect(first.ok && first.value).toMatchObject({ total: DOCUMENTS_PAGE_SIZE + 2, page: 1, pageCount: 2 });
    expect(first.ok && first.value.items).toHaveLength(DOCUMENTS_PAGE_SIZE);
    const last = await listOwnDocuments(many.actor, { page: "9" });
    expect(last.ok && last.value).toMatchObject({ page: 2 });
    expect(last.ok && last.value.items).toHaveLength(2);
  });

  it("refuses signed-out callers, doctors and administrators", async () => {
    expect(await listOwnDocuments(null)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    const doctor = await createVerifiedDoctor();
    expect(await listOwnDocuments(doctor.actor)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    const admin = await createAdmin();
    expect(await listOwnDocuments(admin.actor)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("getDocument", () => {
  it("returns the owner's document with its note and anchoring status", async () => {
    const result = await getDocument(patient.actor, { documentId: stored.documentId });
    expect(result).toMatchObject({ ok: true, value: { id: stored.documentId, title: "Blood panel March", state: "STORED", anchorStatus: "PENDING", note: "" } });
  });

  it("answers NOT_FOUND for another patient's document, an unknown id or garbage, and records the denial", async () => {
    expect(await getDocument(otherPatient.actor, { documentId: stored.documentId })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await db().auditEvent.count({ where: { actorId: otherPatient.user.id, action: "authz.deny", subjectId: stored.documentId } })).toBe(1);
    expect(await getDocument(patient.actor, { documentId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await getDocument(patient.actor, { documentId: "../etc/passwd" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await getDocument(null, { documentId: stored.documentId })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});
