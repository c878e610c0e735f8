/**
 * Deleting a document against the suite's real Postgres and S3 server: soft delete with the data key
 * erased (crypto-shredding), the object removed, the anchor kept, and the content no longer served.
 */
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);

import { db } from "@/lib/db/client";
import { headObject } from "@/lib/storage/object-storage";
import { createPatient, createVerifiedDoctor, deleteTestData, type TestDoctor, type TestPatient } from "@/lib/testing/fixtures";
import { deleteDocument } from "./delete-document";
import { openDocumentContent } from "./open-content";
import { openUpload } from "./open-upload";
import { receiveUpload } from "./receive-upload";

let patient: TestPatient;
let otherPatient: TestPatient;
let doctor: TestDoctor;

beforeAll(async () => {
  patient = await createPatient();
  otherPatient = await createPatient();
  doctor = await createVerifiedDoctor();
});
afterAll(async () => {
  const documents = await db().document.findMany({ where: { ownerId: { in: [patient.user.id, otherPatient.user.id] } }, select: { id: true } });
  await db().anchor.deleteMany({ where: { subjectId: { in: documents.map((d) => d.id) } } });
  await deleteTestData();
});

async function storedDocument(owner: TestPatient = patient) {
  const bytes = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(4096)]);
  const opened = await openUpload(owner.actor, { title: "Scan", kind: "IMAGING", declaredType: "application/pdf", declaredSize: bytes.length });
  if (!opened.ok) throw new Error(opened.error.message);
  const received = await receiveUpload(opened.value.uploadId, owner.actor, Readable.from([bytes]));
  if (!received.ok) throw new Error(received.error.message);
  return db().document.findUniqueOrThrow({ where: { id: opened.value.documentId } });
}

describe("deleteDocument", () => {
  it("soft-deletes, destroys the data key, removes the object, keeps the anchor and stops serving the content", async () => {
    const document = await storedDocument();
    expect(await headObject(document.storageKey)).not.toBeNull();

    expect(await deleteDocument(patient.actor, { documentId: document.id })).toEqual({ ok: true, value: { documentId: document.id } });

    const row = await db().document.findUniqueOrThrow({ where: { id: document.id } });
    expect(row).toMatchObject({ state: "DELETED", wrappedKey: "", sha256: document.sha256 });
    expect(await headObject(document.storageKey)).toBeNull();
    expect(await db().anchor.count({ where: { subjectId: document.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "document.delete", subjectId: document.id, outcome: "ALLOW", actorId: patient.user.id } })).toBe(1);

    const content = await openDocumentContent(patient.actor, document.id);
    expect(content).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await deleteDocument(patient.actor, { documentId: document.id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("answers NOT_FOUND to anyone but the owning patient and changes nothing", async () => {
    const document = await storedDocument();
    expect(await deleteDocument(otherPatient.actor, { documentId: document.id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await deleteDocument(doctor.actor, { documentId: document.id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await deleteDocument(null, { documentId: document.id })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    expect(await db().auditEvent.count({ where: { action: "authz.deny", subjectId: document.id } })).toBe(3);

    const row = await db().document.findUniqueOrThrow({ where: { id: document.id } });
    expect(row).toMatchObject({ state: "STORED", wrappedKey: document.wrappedKey });
    expect(await headObject(document.storageKey)).not.toBeNull();
  });

  it("answers NOT_FOUND for ids that are not a stored document", async () => {
    expect(await deleteDocument(patient.actor, { documentId: "../etc/passwd" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await deleteDocument(patient.actor, { documentId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    const uploading = await openUpload(patient.actor, { title: "Pending", kind: "OTHER", declaredType: "application/pdf", declaredSize: 100 });
    if (!uploading.ok) throw new Error(uploading.error.message);
    expect(await deleteDocument(patient.actor, { documentId: uploading.value.documentId })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});
