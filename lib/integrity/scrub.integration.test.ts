/**
 * The integrity scrub and the audit-head anchor against the suite's real Postgres, S3 server and anvil:
 * a file changed in storage behind the app's back and a row edited in Postgres are both caught.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import type { Hex } from "viem";
import { commitmentHead } from "@/contracts/document-record";
import { anchorPending } from "@/lib/anchors/anchor-worker";
import { anchorCommitment } from "@/lib/anchors/commitment";
import { anchorAuditHead } from "@/lib/audit/anchor-audit-head";
import { chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import { db } from "@/lib/db/client";
import { putObjectStream } from "@/lib/storage/object-storage";
import { createAdmin, createPatient, deleteTestData, storeTestDocument, testPdf, type TestPatient } from "@/lib/testing/fixtures";
import { scrubDocuments } from "./scrub";

let patient: TestPatient;
let adminId: string;

beforeAll(async () => {
  patient = await createPatient();
  adminId = (await createAdmin({ mfa: true })).user.id;
});

afterAll(async () => {
  await deleteTestData();
});

const storeDocument = (label: string) => storeTestDocument(patient.actor, testPdf(label), { title: label });

describe("the integrity scrub", () => {
  it("passes intact documents and flags a file changed in storage and a row edited in Postgres", async () => {
    const intact = await storeDocument("intact");
    const tamperedFile = await storeDocument("tampered file");
    const editedRow = await storeDocument("edited row");
    await anchorPending();
    const ids = [intact, tamperedFile, editedRow];
    expect(await scrubDocuments({ documentIds: ids })).toEqual({ checked: 3, failed: 0 });

    const { storageKey } = await db().document.findUniqueOrThrow({ where: { id: tamperedFile } });
    await putObjectStream(storageKey, Buffer.from("not the ciphertext that was stored"));
    await db().document.update({ where: { id: editedRow }, data: { sha256: "0".repeat(64) } });

    expect(await scrubDocuments({ documentIds: ids })).toEqual({ checked: 3, failed: 2 });
    const rows = await db().document.findMany({ where: { id: { in: ids } }, select: { id: true, integrityFailedAt: true, integrityProblem: true, scrubbedAt: true } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(intact)).toMatchObject({ integrityFailedAt: null, integrityProblem: null });
    expect(byId.get(intact)!.scrubbedAt).toBeInstanceOf(Date);
    expect(byId.get(tamperedFile)!.integrityProblem).toMatch(/altered/);
    expect(byId.get(editedRow)!.integrityProblem).toMatch(/SHA-256 differs/);

    const events = await db().auditEvent.findMany({ where: { action: "integrity.mismatch", subjectId: { in: ids } } });
    expect(events.map((e) => e.subjectId).sort()).toEqual([tamperedFile, editedRow].sort());
    expect(await db().notification.count({ where: { userId: adminId, kind: "integrity.alert" } })).toBeGreaterThanOrEqual(2);

    // A second pass does not alert again for the same problem.
    await scrubDocuments({ documentIds: ids });
    expect(await db().auditEvent.count({ where: { action: "integrity.mismatch", subjectId: { in: ids } } })).toBe(2);
  });

  it("catches a row whose fingerprint was edited together with a matching re-encrypted file: the chain disagrees", async () => {
    const documentId = await storeDocument("forged");
    await anchorPending();
    const anchor = await db().anchor.findFirstOrThrow({ where: { subjectId: documentId, kind: "DOCUMENT" } });
    // Someone rewrites the anchored commitment in Postgres: the chain still holds the original one.
    await db().anchor.update({ where: { id: anchor.id }, data: { commitment: anchorCommitment("1".repeat(64), anchor.salt) } });
    const result = await scrubDocuments({ documentIds: [documentId] });
    expect(result.failed).toBe(1);
    const row = await db().document.findUniqueOrThrow({ where: { id: documentId } });
    expect(row.integrityProblem).toMatch(/commitment/);
  });
});

describe("anchoring the audit trail's head", () => {
  it("queues the head's salted hash and the worker anchors it on chain", async () => {
    const queued = await anchorAuditHead();
    expect(queued.headId).not.toBeNull();
    const row = await db().anchor.findFirstOrThrow({ where: { kind: "AUDIT_HEAD" }, orderBy: { createdAt: "desc" } });
    const head = await db().auditEvent.findUniqueOrThrow({ where: { id: BigInt(`0x${row.subjectId.slice(-12)}`) } });
    expect(row.commitment).toBe(anchorCommitment(head.hash, row.salt));
    await anchorPending();
    const [onChain] = await chainPublicClient().readContract({ address: contractAddress(), abi: medAnchorAbi, functionName: "getDocument", args: [row.anchorId as Hex] });
    expect(onChain).toBe(commitmentHead(row.commitment as Hex));
    await db().anchor.deleteMany({ where: { kind: "AUDIT_HEAD" } });
  });
});
