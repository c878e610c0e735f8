/**
 * The ledger services against the suite's real Postgres and anvil: a stored document is anchored by
 * the worker, then shows up in its owner's ledger (and nobody else's), in the latest blocks (titled for
 * its owner, ids only for an admin), and in the queue health figures; non-admins get no queue health.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import type { Actor } from "@/lib/authz/actor";
import { anchorPending } from "@/lib/anchors/anchor-worker";
import { db } from "@/lib/db/client";
import { createGrant } from "@/lib/grants/create-grant";
import { createAdmin, createPatient, createVerifiedDoctor, deleteTestData, storeTestDocument, testPdf, type TestPatient } from "@/lib/testing/fixtures";
import { anchorQueueHealth } from "./anchor-queue-health";
import { listPatientLedger } from "./list-patient-ledger";
import { recentBlocks } from "./recent-blocks";

let owner: TestPatient;
let stranger: TestPatient;
let admin: Actor;
let doctor: Actor;
let documentId: string;
let grantId: string;
const title = "Ledger blood panel";

beforeAll(async () => {
  owner = await createPatient();
  stranger = await createPatient();
  admin = (await createAdmin()).actor;
  doctor = (await createVerifiedDoctor({ name: "Ledger Doctor" })).actor!;
  documentId = await storeTestDocument(owner.actor, testPdf("ledger"), { title });
  const until = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const shared = await createGrant(owner.actor, { doctorId: doctor.id, allDocuments: true, documentIds: [], permission: "READ", until });
  if (!shared.ok) throw new Error(shared.error.message);
  grantId = shared.value.grantId;
  await anchorPending();
});

afterAll(async () => {
  await deleteTestData();
});

describe("listPatientLedger", () => {
  it("lists the owner's document and grant anchors, confirmed, with tx hash, block and time", async () => {
    const result = await listPatientLedger(owner.actor);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.total).toBe(2);
    const document = result.value.items.find((item) => item.kind === "DOCUMENT");
    expect(document).toMatchObject({ action: "RECORD", state: "CONFIRMED", subject: { type: "document", id: documentId, title }, batchRoot: null });
    expect(document!.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(Number(document!.blockNumber)).toBeGreaterThan(0);
    expect(document!.blockTime).toBeInstanceOf(Date);
    const grant = result.value.items.find((item) => item.kind === "GRANT");
    expect(grant).toMatchObject({ state: "CONFIRMED", subject: { type: "grant", id: grantId, doctorName: "Dr. Ledger Doctor" } });
    // Newest first.
    const times = result.value.items.map((item) => item.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("shows another patient none of it", async () => {
    const result = await listPatientLedger(stranger.actor);
    expect(result).toMatchObject({ ok: true, value: { total: 0, items: [] } });
  });

  it("refuses doctors and admins (it is the patient's own record)", async () => {
    expect(await listPatientLedger(doctor)).toMatchObject({ ok: false });
    expect(await listPatientLedger(admin)).toMatchObject({ ok: false });
    expect(await listPatientLedger(null)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});

describe("recentBlocks", () => {
  async function anchorRow() {
    return db().anchor.findFirstOrThrow({ where: { kind: "DOCUMENT", subjectId: documentId } });
  }

  it("decodes DocumentAnchored and maps it to the document, titled for its owner", async () => {
    const row = await anchorRow();
    // Other test files mine blocks at the same time: read the ten blocks ending just after ours.
    const result = await recentBlocks(owner.actor, { count: 10, upTo: row.blockNumber! + 2n });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.blocks.length).toBeGreaterThan(0);
    expect(result.value.blocks.length).toBeLessThanOrEqual(10);
    const numbers = result.value.blocks.map((b) => Number(b.number));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    const block = result.value.blocks.find((b) => b.number === row.blockNumber!.toString());
    const event = block?.events.find((e) => e.key === row.anchorId.toLowerCase());
    expect(event).toMatchObject({ name: "DocumentAnchored", txHash: row.txHash, recorded: true, mine: true });
    expect(event!.anchors).toEqual([{ kind: "DOCUMENT", action: "RECORD", state: "CONFIRMED", subject: { type: "document", id: documentId, title } }]);
    const grantRow = await db().anchor.findFirstOrThrow({ where: { kind: "GRANT", subjectId: grantId } });
    const aroundGrant = await recentBlocks(owner.actor, { count: 5, upTo: grantRow.blockNumber! + 2n });
    if (!aroundGrant.ok) throw new Error(aroundGrant.error.message);
    const grantEvent = aroundGrant.value.blocks.flatMap((b) => b.events).find((e) => e.name === "GrantSet" && e.anchors.some((a) => a.subject?.id === grantId));
    expect(grantEvent?.anchors[0]?.subject).toEqual({ type: "grant", id: grantId, doctorName: "Dr. Ledger Doctor" });
  });

  it("gives an admin ids only, never titles", async () => {
    const row = await anchorRow();
    const result = await recentBlocks(admin, { count: 10, upTo: row.blockNumber! + 2n });
    if (!result.ok) throw new Error(result.error.message);
    const event = result.value.blocks.flatMap((b) => b.events).find((e) => e.key === row.anchorId.toLowerCase());
    expect(event).toMatchObject({ name: "DocumentAnchored", mine: false });
    expect(event!.anchors).toEqual([{ kind: "DOCUMENT", action: "RECORD", state: "CONFIRMED", subject: { type: "id", kind: "DOCUMENT", id: documentId } }]);
    expect(JSON.stringify(result.value)).not.toContain(title);
  });

  it("shows another patient the event but nothing of what it anchors", async () => {
    const row = await anchorRow();
    const result = await recentBlocks(stranger.actor, { count: 10, upTo: row.blockNumber! + 2n });
    if (!result.ok) throw new Error(result.error.message);
    const event = result.value.blocks.flatMap((b) => b.events).find((e) => e.key === row.anchorId.toLowerCase());
    expect(event).toMatchObject({ name: "DocumentAnchored", recorded: true, anchors: [], mine: false });
    expect(JSON.stringify(result.value)).not.toContain(documentId);
  });

  it("pages back: upTo caps the newest block shown", async () => {
    const row = await anchorRow();
    const result = await recentBlocks(owner.actor, { count: 3, upTo: row.blockNumber! });
    expect(result.ok && result.value.blocks.map((b) => b.number)).toEqual([row.blockNumber!, row.blockNumber! - 1n, row.blockNumber! - 2n].map(String));
  });

  it("bounds the range and refuses doctors", async () => {
    const few = await recentBlocks(owner.actor, { count: 2 });
    expect(few.ok && few.value.blocks.length).toBeLessThanOrEqual(2);
    const tooMany = await recentBlocks(owner.actor, { count: 10_000 });
    expect(tooMany.ok && tooMany.value.blocks.length).toBeLessThanOrEqual(10);
    expect(await recentBlocks(doctor)).toMatchObject({ ok: false });
  });
});

describe("anchorQueueHealth", () => {
  it("counts rows by state and gives sane lag figures and chain health", async () => {
    const result = await anchorQueueHealth(admin);
    if (!result.ok) throw new Error(result.error.message);
    const health = result.value;
    const confirmed = await db().anchor.count({ where: { state: "CONFIRMED" } });
    expect(health.counts.CONFIRMED).toBe(confirmed);
    expect(health.counts.CONFIRMED).toBeGreaterThanOrEqual(2);
    expect(health.counts.PENDING).toBe(await db().anchor.count({ where: { state: "PENDING" } }));
    expect(health.lagSampleSize).toBeGreaterThanOrEqual(2);
    expect(health.lagSampleSize).toBeLessThanOrEqual(1000);
    expect(health.lagP50Ms).toBeGreaterThanOrEqual(0);
    expect(health.lagP95Ms).toBeGreaterThanOrEqual(health.lagP50Ms!);
    expect(health.lagP95Ms).toBeLessThan(10 * 60_000);
    expect(health.transactionsInFlight).toBeGreaterThanOrEqual(0);
    expect(health.failed.length).toBeLessThanOrEqual(20);
    expect(health.chain).toMatchObject({ status: "up", chainId: 31337 });
    if (health.chain.status !== "up") throw new Error("chain down");
    expect(BigInt(health.chain.blockNumber)).toBeGreaterThan(0n);
    expect(BigInt(health.chain.balanceWei)).toBeGreaterThan(0n);
    expect(health.chain.anchoringAccount).toMatch(/^0x[0-9a-fA-F]{40}$/);
  });

  it("reports a failed row with its last error", async () => {
    const row = await db().anchor.findFirstOrThrow({ where: { kind: "DOCUMENT", subjectId: documentId } });
    await db().anchor.update({ where: { id: row.id }, data: { state: "FAILED", lastError: "LedgerTestFailure" } });
    try {
      const result = await anchorQueueHealth(admin);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.counts.FAILED).toBeGreaterThanOrEqual(1);
      expect(result.value.failed[0]).toMatchObject({ id: row.id, kind: "DOCUMENT", subjectId: documentId, lastError: "LedgerTestFailure" });
    } finally {
      await db().anchor.update({ where: { id: row.id }, data: { state: "CONFIRMED", lastError: null } });
    }
  });

  it("refuses non-admins", async () => {
    expect(await anchorQueueHealth(owner.actor)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await anchorQueueHealth(doctor)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await anchorQueueHealth(null)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});
