/**
 * The storage sweeper against the suite's real Postgres and S3 server. Each run sweeps only the test
 * patient's own key prefix, so objects of other test files are never judged.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);

import { db } from "@/lib/db/client";
import { headObject, putObjectStream } from "@/lib/storage/object-storage";
import { createPatient, deleteTestData, type TestPatient } from "@/lib/testing/fixtures";
import { openUpload } from "./open-upload";
import { receiveUpload } from "./receive-upload";
import { STALE_UPLOAD_REASON, sweepStorage } from "./sweep-storage";

let patient: TestPatient;
let prefix: string;

beforeAll(async () => {
  patient = await createPatient();
  prefix = `documents/${patient.user.id}/`;
});
afterAll(async () => {
  const documents = await db().document.findMany({ where: { ownerId: patient.user.id }, select: { id: true } });
  await db().anchor.deleteMany({ where: { subjectId: { in: documents.map((d) => d.id) } } });
  await sweepStorage({ prefix, staleAfterMs: 0 });
  await deleteTestData();
});

const pdf = () => Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(2048)]);

async function openedUpload() {
  const bytes = pdf();
  const opened = await openUpload(patient.actor, { title: "Report", kind: "REPORT", declaredType: "application/pdf", declaredSize: bytes.length });
  if (!opened.ok) throw new Error(opened.error.message);
  const row = await db().document.findUniqueOrThrow({ where: { id: opened.value.documentId } });
  return { ...opened.value, bytes, storageKey: row.storageKey };
}

async function storedDocument() {
  const opened = await openedUpload();
  const received = await receiveUpload(opened.uploadId, patient.actor, Readable.from([opened.bytes]));
  if (!received.ok) throw new Error(received.error.message);
  return opened;
}

describe("sweepStorage", () => {
  it("removes orphans, keeps stored documents and uploads in progress, and expires stale uploads", async () => {
    const orphanKey = `${prefix}${randomUUID()}`;
    await putObjectStream(orphanKey, Buffer.from("no row claims this"));

    const stored = await storedDocument();

    // An upload in progress: fresh UPLOADING row, bytes already (partly) in storage.
    const inProgress = await openedUpload();
    await putObjectStream(inProgress.storageKey, Buffer.from("half an upload"));

    // Abandoned two hours ago, with an object left behind.
    const stale = await openedUpload();
    await db().document.update({ where: { id: stale.documentId }, data: { createdAt: new Date(Date.now() - 2 * 60 * 60_000) } });
    await putObjectStream(stale.storageKey, Buffer.from("abandoned"));

    // Deleted, but the best-effort object removal did not happen.
    const deleted = await storedDocument();
    await db().document.update({ where: { id: deleted.documentId }, data: { state: "DELETED", wrappedKey: "" } });

    // Pages of two keys: orphans are deleted between pages, which must not make the listing skip a key.
    const report = await sweepStorage({ prefix, listLimit: 2 });

    expect(report).toEqual({ expiredUploads: 1, objectsExamined: 5, orphansDeleted: 3 });
    expect(await headObject(orphanKey)).toBeNull();
    expect(await headObject(stored.storageKey)).not.toBeNull();
    expect(await headObject(inProgress.storageKey)).not.toBeNull();
    expect(await headObject(stale.storageKey)).toBeNull();
    expect(await headObject(deleted.storageKey)).toBeNull();

    expect(await db().document.findUniqueOrThrow({ where: { id: stale.documentId } })).toMatchObject({ state: "FAILED", failureReason: STALE_UPLOAD_REASON });
    expect(await db().document.findUniqueOrThrow({ where: { id: inProgress.documentId } })).toMatchObject({ state: "UPLOADING" });
    expect(await db().document.findUniqueOrThrow({ where: { id: stored.documentId } })).toMatchObject({ state: "STORED" });

    expect(await sweepStorage({ prefix })).toEqual({ expiredUploads: 0, objectsExamined: 2, orphansDeleted: 0 });
  });

  it("refuses a prefix outside the documents prefix", async () => {
    await expect(sweepStorage({ prefix: "test/" })).rejects.toThrow(/prefix/);
  });
});
