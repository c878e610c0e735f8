/**
 * Master key rotation against the suite's real Postgres and S3 server: an interrupted run leaves a mix
 * of old- and new-wrapped data keys that the app still reads (with DOCUMENT_MASTER_KEY_PREVIOUS set),
 * a second run finishes the job, a third changes nothing. Every document of the database is rotated,
 * so afterAll rotates back to the suite's key for the test files that follow.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DocumentEnv } from "@/lib/env";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);

/** What documentEnv() returns while the test "restarts the app" with rotated keys. */
const override = vi.hoisted(() => ({ env: undefined as DocumentEnv | undefined }));
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, documentEnv: () => override.env ?? actual.documentEnv() };
});

import { db } from "@/lib/db/client";
import { parseDocumentEnv } from "@/lib/env";
import { hashStoredObject } from "@/lib/documents/stored-object-hash";
import { unwrapDataKey } from "@/lib/storage/envelope-encryption";
import { createPatient, deleteTestData, storeTestDocument, testPdf, type TestPatient } from "@/lib/testing/fixtures";
import { rotateMasterKey } from "./rotate-master-key";

const suiteEnv = parseDocumentEnv(process.env);
const oldKey = suiteEnv.masterKey;
const newKey = randomBytes(32);
let patient: TestPatient;
let documentIds: string[];

async function wrappedKeys() {
  return db().document.findMany({ where: { wrappedKey: { not: "" } }, select: { id: true, wrappedKey: true, storageKey: true, sha256: true } });
}

const opensWith = (wrapped: string, key: Buffer) => {
  try {
    unwrapDataKey(wrapped, key);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  patient = await createPatient();
  documentIds = [await storeTestDocument(patient.actor, testPdf("rotation a")), await storeTestDocument(patient.actor, testPdf("rotation b")), await storeTestDocument(patient.actor, testPdf("rotation c"))];
});

afterAll(async () => {
  override.env = undefined;
  await rotateMasterKey({ from: newKey, to: oldKey });
  await db().anchor.deleteMany({ where: { subjectId: { in: documentIds } } });
  await deleteTestData();
});

describe("rotateMasterKey", () => {
  it("resumes after an interruption while the app reads with either key, then has nothing left to do", async () => {
    override.env = { ...suiteEnv, masterKey: newKey, previousMasterKey: oldKey };
    // Other test files' rows are rotated too; rows they wrote with made-up keys must stay untouched.
    const before = await wrappedKeys();
    const total = before.filter((d) => opensWith(d.wrappedKey, oldKey)).length;
    const foreign = before.length - total;
    expect(total).toBeGreaterThanOrEqual(3);

    // Interrupted once one key has been re-wrapped.
    await expect(
      rotateMasterKey({
        from: oldKey,
        to: newKey,
        batchSize: 1,
        onBatch: (report) => {
          if (report.rewrapped > 0) throw new Error("interrupted");
        },
      }),
    ).rejects.toThrow("interrupted");
    const mixed = await wrappedKeys();
    expect(mixed.filter((d) => opensWith(d.wrappedKey, newKey))).toHaveLength(1);
    expect(mixed.filter((d) => opensWith(d.wrappedKey, oldKey))).toHaveLength(total - 1);

    // The app serves both kinds meanwhile: every stored object of ours still decrypts to its recorded SHA-256.
    for (const document of mixed.filter((d) => documentIds.includes(d.id))) {
      const stored = await hashStoredObject(document.storageKey, document.wrappedKey);
      expect("sha256" in stored && stored.sha256).toBe(document.sha256);
    }

    const finished = await rotateMasterKey({ from: oldKey, to: newKey, batchSize: 2 });
    expect(finished).toMatchObject({ examined: total + foreign, rewrapped: total - 1, alreadyCurrent: 1 });
    expect(finished.unreadable).toHaveLength(foreign);
    expect((await wrappedKeys()).filter((d) => opensWith(d.wrappedKey, newKey))).toHaveLength(total);

    const again = await rotateMasterKey({ from: oldKey, to: newKey });
    expect(again).toMatchObject({ rewrapped: 0, alreadyCurrent: total });

    // Once DOCUMENT_MASTER_KEY_PREVIOUS is unset, the new key alone reads everything.
    override.env = { ...suiteEnv, masterKey: newKey, previousMasterKey: undefined };
    for (const document of (await wrappedKeys()).filter((d) => documentIds.includes(d.id))) {
      const stored = await hashStoredObject(document.storageKey, document.wrappedKey);
      expect("sha256" in stored && stored.sha256).toBe(document.sha256);
    }
  });

  it("reports a data key that opens with neither key and leaves it alone", async () => {
    const stranger = randomBytes(32);
    const report = await rotateMasterKey({ from: stranger, to: randomBytes(32) });
    expect(report.rewrapped).toBe(0);
    expect(report.unreadable.length).toBe(report.examined);
  });
});
