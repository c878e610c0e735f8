/**
 * Removal of objects a failed upload or a delete left behind because storage did not answer at the
 * time, against the suite's real Postgres and S3 server. The outage itself is reproduced by the fault
 * suite (scripts/faults: S3 stopped during uploads); here the rows are put in the state it leaves.
 */
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);

import { db } from "@/lib/db/client";
import { headObject, putObjectStream } from "@/lib/storage/object-storage";
import { createPatient, deleteTestData, storeTestDocument, testPdf, type TestPatient } from "@/lib/testing/fixtures";
import { deleteDocument } from "./delete-document";
import { openUpload } from "./open-upload";
import { receiveUpload } from "./receive-upload";
import { removeDroppedObjects } from "./remove-dropped-objects";
import { sweepStorage } from "./sweep-storage";

let patient: TestPatient;

beforeAll(async () => {
  patient = await createPatient();
});
afterAll(async () => {
  const documents = await db().document.findMany({ where: { ownerId: patient.user.id }, select: { id: true } });
  await db().anchor.deleteMany({ where: { subjectId: { in: documents.map((d) => d.id) } } });
  await sweepStorage({ prefix: `documents/${patient.user.id}/`, staleAfterMs: 0 });
  await deleteTestData();
});

async function openedUpload(bytes: Buffer) {
  const opened = await openUpload(patient.actor, { title: "Scan", kind: "IMAGING", declaredType: "application/pdf", declaredSize: bytes.length });
  if (!opened.ok) throw new Error(opened.error.message);
  return { ...opened.value, storageKey: (await db().document.findUniqueOrThrow({ where: { id: opened.value.documentId } })).storageKey };
}

describe("removeDroppedObjects", () => {
  it("removes the objects of FAILED and DELETED rows whose removal is owed, records it, and leaves STORED documents alone", async () => {
    // A failed upload whose single-part PUT landed while the delete could not reach storage.
    const failed = await openedUpload(testPdf("failed"));
    await putObjectStream(failed.storageKey, randomBytes(64));
    await db().document.update({ where: { id: failed.documentId }, data: { state: "FAILED", failureReason: "interrupted", objectRemovedAt: null } });
    // A deleted document whose object survived the delete for the same reason.
    const deletedId = await storeTestDocument(patient.actor, testPdf("deleted"));
    const deleted = await db().document.findUniqueOrThrow({ where: { id: deletedId } });
    await db().document.update({ where: { id: deletedId }, data: { state: "DELETED", wrappedKey: "", objectRemovedAt: null } });
    const keptId = await storeTestDocument(patient.actor, testPdf("kept"));
    const kept = await db().document.findUniqueOrThrow({ where: { id: keptId } });
    expect(await headObject(failed.storageKey)).not.toBeNull();
    expect(await headObject(deleted.storageKey)).not.toBeNull();

    const report = await removeDroppedObjects();

    expect(report.failed).toBe(0);
    expect(report.removed).toBeGreaterThanOrEqual(2);
    expect(await headObject(failed.storageKey)).toBeNull();
    expect(await headObject(deleted.storageKey)).toBeNull();
    expect(await headObject(kept.storageKey)).not.toBeNull();
    const rows = await db().document.findMany({ where: { id: { in: [failed.documentId, deletedId, keptId] } }, select: { id: true, objectRemovedAt: true } });
    const removedAt = new Map(rows.map((row) => [row.id, row.objectRemovedAt]));
    expect(removedAt.get(failed.documentId)).toBeInstanceOf(Date);
    expect(removedAt.get(deletedId)).toBeInstanceOf(Date);
    expect(removedAt.get(keptId)).toBeNull();
  });

  it("is not needed when storage answers: a refused upload and a delete record their removal at once", async () => {
    const bytes = testPdf("too short");
    const opened = await openedUpload(Buffer.concat([bytes, Buffer.from("tail")]));
    const refused = await receiveUpload(opened.uploadId, patient.actor, Readable.from([bytes]));
    expect(refused).toMatchObject({ ok: false, status: 400 });
    const failedRow = await db().document.findUniqueOrThrow({ where: { id: opened.documentId } });
    expect(failedRow.state).toBe("FAILED");
    expect(failedRow.objectRemovedAt).toBeInstanceOf(Date);
    expect(await headObject(opened.storageKey)).toBeNull();

    const documentId = await storeTestDocument(patient.actor, testPdf("to delete"));
    expect(await deleteDocument(patient.actor, { documentId })).toMatchObject({ ok: true });
    const deletedRow = await db().document.findUniqueOrThrow({ where: { id: documentId } });
    expect(deletedRow.objectRemovedAt).toBeInstanceOf(Date);
    expect(await headObject(deletedRow.storageKey)).toBeNull();
  });
});
