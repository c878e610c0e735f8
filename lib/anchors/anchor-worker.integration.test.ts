/**
 * The anchor worker against the suite's real Postgres and anvil: single anchors, Merkle batches,
 * grant set and revoke, expiry without a transaction, and crashes at each failpoint: after recovery
 * every row is CONFIRMED exactly once and no id is ever sent in two transactions.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import type { Hex } from "viem";
import { commitmentHead } from "@/contracts/document-record";
import { batchLeaf } from "@/contracts/merkle";
import type { Actor } from "@/lib/authz/actor";
import { chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import { db } from "@/lib/db/client";
import { createGrant } from "@/lib/grants/create-grant";
import { expireGrants } from "@/lib/grants/expire-grants";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { createPatient, createVerifiedDoctor, deleteTestData, storeTestDocument, testPdf, type TestPatient } from "@/lib/testing/fixtures";
import { anchorPending } from "./anchor-worker";
import { BATCH_MIN_DOCUMENTS } from "./chain-calls";
import { armFailpoint, disarmFailpoints, FailpointCrash, type Failpoint } from "./failpoints";

let patient: TestPatient;
let doctor: Actor;

beforeAll(async () => {
  patient = await createPatient();
  doctor = (await createVerifiedDoctor()).actor!;
});

afterEach(() => disarmFailpoints());

afterAll(async () => {
  await deleteTestData();
});

const storeDocument = (label: string) => storeTestDocument(patient.actor, testPdf(label), { title: label });

const anchorsOf = (subjectIds: string[]) => db().anchor.findMany({ where: { subjectId: { in: subjectIds } }, orderBy: { createdAt: "asc" } });

/** Every event the contract emitted for this id (documents, grants) or root (batches). */
async function eventsFor(id: Hex) {
  const logs = await chainPublicClient().getContractEvents({ address: contractAddress(), abi: medAnchorAbi, fromBlock: 0n });
  return logs.filter((log) => (log.args as { id?: Hex; root?: Hex }).id === id || (log.args as { root?: Hex }).root === id);
}

async function readDocument(id: Hex) {
  return chainPublicClient().readContract({ address: contractAddress(), abi: medAnchorAbi, functionName: "getDocument", args: [id] });
}

describe("anchoring documents", () => {
  it("anchors a lone document with anchorDocument: confirmed with tx hash, block and time, matching the chain", async () => {
    const documentId = await storeDocument("lone");
    await anchorPending();
    const [anchor] = await anchorsOf([documentId]);
    expect(anchor).toMatchObject({ state: "CONFIRMED", action: "RECORD", batchRoot: null });
    expect(anchor!.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(anchor!.blockNumber).toBeGreaterThan(0n);
    expect(anchor!.blockTime).toBeInstanceOf(Date);
    const [head, anchoredAt] = await readDocument(anchor!.anchorId as Hex);
    expect(head).toBe(commitmentHead(anchor!.commitment as Hex));
    expect(Number(anchoredAt)).toBe(anchor!.blockTime!.getTime() / 1000);
    const transaction = await db().chainTransaction.findUniqueOrThrow({ where: { id: anchor!.transactionId! } });
    expect(transaction).toMatchObject({ state: "CONFIRMED", method: "anchorDocument", txHash: anchor!.txHash });
  });

  it("anchors many waiting documents as one Merkle batch whose proofs verify on chain", async () => {
    const ids = [];
    for (let i = 0; i < BATCH_MIN_DOCUMENTS + 2; i += 1) ids.push(await storeDocument(`batch ${i}`));
    await anchorPending();
    const anchors = await anchorsOf(ids);
    expect(anchors.every((a) => a.state === "CONFIRMED")).toBe(true);
    const roots = new Set(anchors.map((a) => a.batchRoot));
    expect(roots.size).toBe(1);
    const root = [...roots][0] as Hex;
    expect(new Set(anchors.map((a) => a.transactionId)).size).toBe(1);
    for (const anchor of anchors) {
      const included = await chainPublicClient().readContract({ address: contractAddress(), abi: medAnchorAbi, functionName: "verifyBatchInclusion", args: [root, batchLeaf(anchor.anchorId as Hex, anchor.commitment as Hex), anchor.proof as Hex[]] });
      expect(included).toBe(true);
    }
    const [count] = await chainPublicClient().readContract({ address: contractAddress(), abi: medAnchorAbi, functionName: "getBatch", args: [root] });
    expect(count).toBeGreaterThanOrEqual(ids.length);
  });
});

describe("anchoring grants", () => {
  it("sets a grant with its window, revokes it after, and settles an expiry without a transaction", async () => {
    const until = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const shared = await createGrant(patient.actor, { doctorId: doctor.id, allDocuments: true, documentIds: [], permission: "READ", until });
    if (!shared.ok) throw new Error(shared.error.message);
    const grantId = shared.value.grantId;
    await anchorPending();
    const [record] = await anchorsOf([grantId]);
    expect(record).toMatchObject({ state: "CONFIRMED", action: "RECORD" });
    const isActive = () => chainPublicClient().readContract({ address: contractAddress(), abi: medAnchorAbi, functionName: "isGrantActive", args: [record!.anchorId as Hex] });
    expect(await isActive()).toBe(true);

    expect((await revokeGrant(patient.actor, { grantId })).ok).toBe(true);
    await anchorPending();
    const revoke = (await anchorsOf([grantId])).find((a) => a.action === "REVOKE");
    expect(revoke).toMatchObject({ state: "CONFIRMED", anchorId: record!.anchorId });
    expect(await isActive()).toBe(false);

    // An expiry needs no transaction: the window on chain ends the grant by itself.
    const other = await createGrant(patient.actor, { doctorId: doctor.id, allDocuments: true, documentIds: [], permission: "READ", until });
    if (!other.ok) throw new Error(other.error.message);
    await anchorPending();
    await db().accessGrant.update({ where: { id: other.value.grantId }, data: { notAfter: new Date(Date.now() - 1000), notBefore: new Date(Date.now() - 86_400_000) } });
    await expireGrants();
    await anchorPending();
    const expire = (await anchorsOf([other.value.grantId])).find((a) => a.action === "EXPIRE");
    expect(expire).toMatchObject({ state: "CONFIRMED", transactionId: null });
  });
});

describe("crashes at each failpoint", () => {
  for (const point of ["after-sign", "after-broadcast", "before-confirm"] as Failpoint[]) {
    it(`${point}: the next run confirms the row exactly once, with one transaction`, async () => {
      const documentId = await storeDocument(`crash ${point}`);
      armFailpoint(point);
      await expect(anchorPending()).rejects.toBeInstanceOf(FailpointCrash);
      const [midway] = await anchorsOf([documentId]);
      expect(midway!.state).toBe("SENT");
      const recovered = await anchorPending();
      if (point === "after-sign") expect(recovered.rebroadcast).toBeGreaterThanOrEqual(1);
      const [anchor] = await anchorsOf([documentId]);
      expect(anchor!.state).toBe("CONFIRMED");
      expect(await db().chainTransaction.count({ where: { anchors: { some: { id: anchor!.id } } } })).toBe(1);
      expect(await eventsFor(anchor!.anchorId as Hex)).toHaveLength(1);
      // Running again changes nothing.
      await anchorPending();
      expect(await eventsFor(anchor!.anchorId as Hex)).toHaveLength(1);
    });
  }

  it("never reuses a nonce: every stored transaction of the anchoring account has its own", async () => {
    const rows = await db().chainTransaction.groupBy({ by: ["sender", "nonce"], _count: { _all: true } });
    expect(rows.every((r) => r._count._all === 1)).toBe(true);
  });
});
