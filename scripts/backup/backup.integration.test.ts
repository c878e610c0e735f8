/**
 * Backup and restore end to end: documents stored through the app's upload path on a stack of this
 * file's own and anchored on its chain, one left waiting in the outbox; a backup taken; the source
 * stack stopped; a fresh stack (new data directory, new ports) started with the backup's keys and
 * loaded from it. Then every document must verify against storage, Postgres and the restored chain, the
 * tables must hold what the manifest counted, and the worker must carry on where the source left off:
 * the waiting document is anchored with the next nonce of the restored anchoring account.
 */
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import { anchorPending } from "@/lib/anchors/anchor-worker";
import { db } from "@/lib/db/client";
import { createPatient, storeTestDocument, testPdf } from "@/lib/testing/fixtures";
import type { Deployment } from "@/scripts/chain/deploy";
import { startStack, type Stack } from "@/scripts/services/stack";
import { startWorkerChild, type WorkerChild } from "@/scripts/test-support/worker-child";
import { createBackup, restoreBackup, startRestoredStack, type BackupSummary } from "./backup-set";
import { checkEveryDocument } from "./document-check";
import { readManifest } from "./manifest";

const ANCHORED = 24;

let root: string;
let source: Stack | undefined;
let restored: Stack | undefined;
let worker: WorkerChild | undefined;
let pool: pg.Pool | undefined;
let documentIds: string[] = [];
let waitingId: string;
let backup: BackupSummary;
let sourceTransactions: { tx_hash: string; nonce: number }[];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "medanchor-backup-"));
  source = await startStack({ dataRoot: path.join(root, "source"), ports: "free", source: {} });
  // The in-process services (upload, anchoring) read lib/env lazily: point them at the source stack.
  Object.assign(process.env, source.env, { NODE_ENV: "test" });
  const patient = await createPatient();
  for (let i = 0; i < ANCHORED; i += 1) documentIds.push(await storeTestDocument(patient.actor, testPdf(`backup ${i}`), { title: `Backup ${i}` }));
  await anchorPending();
  waitingId = await storeTestDocument(patient.actor, testPdf("waiting"), { title: "Waiting" });
  documentIds = [...documentIds, waitingId];
  sourceTransactions = await db().$queryRaw`SELECT tx_hash, nonce FROM chain_transactions ORDER BY nonce`;

  const deployment = JSON.parse(await readFile(path.join(root, "source", "chain", `deployment-${source.env.CHAIN_ID}.json`), "utf8")) as Deployment;
  backup = await createBackup(source.env, path.join(root, "backup"), { deployment });
  await db().$disconnect();
  await source.stop();
  source = undefined;
});

afterAll(async () => {
  await worker?.stop();
  await pool?.end();
  await restored?.stop();
  await source?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("a backup", () => {
  it("holds every table, object and the chain state, with counts and SHA-256s in its manifest", async () => {
    const manifest = await readManifest(backup.dir);
    const table = (name: string) => manifest.postgres.tables.find((t) => t.name === name);
    expect(table("documents")?.rows).toBe(documentIds.length);
    expect(table("anchors")?.rows).toBe(documentIds.length);
    expect(manifest.bucket.objects).toHaveLength(documentIds.length);
    expect(manifest.bucket.bytes).toBe(backup.bytes);
    expect(manifest.chain.blockNumber).toBeGreaterThan(0);
    expect(manifest.postgres.migrations.length).toBeGreaterThan(0);
    // The keys file carries the master key: readable by its owner only.
    expect((await stat(path.join(backup.dir, manifest.keys.file))).mode & 0o077).toBe(0);
  });

  it("refuses to be written into a directory that holds something", async () => {
    await expect(createBackup({}, backup.dir)).rejects.toThrow(/not empty/);
  });
});

describe("restoring into a fresh stack", () => {
  it("verifies every document against storage, Postgres and the restored chain, and anchors the waiting one", async () => {
    const started = await startRestoredStack({ dataRoot: path.join(root, "restored"), ports: "free", backupDir: backup.dir });
    restored = started.stack;
    expect(started.summary).toMatchObject({ rows: backup.rows, objects: backup.objects, bytes: backup.bytes });
    pool = new pg.Pool({ connectionString: restored.env.DATABASE_URL, max: 2 });

    // The stored transactions came back as they were, and the restored chain holds each of them.
    const { rows: transactions } = await pool.query<{ tx_hash: string; nonce: number }>("SELECT tx_hash, nonce FROM chain_transactions ORDER BY nonce");
    expect(transactions).toEqual(sourceTransactions);

    worker = startWorkerChild({ ...restored.env, NODE_ENV: "test" });
    const deadline = Date.now() + 60_000;
    const waitingState = async () => (await pool!.query<{ state: string }>("SELECT state::text AS state FROM anchors WHERE subject_id = $1", [waitingId])).rows[0]?.state;
    while ((await waitingState()) !== "CONFIRMED") {
      if (Date.now() > deadline) throw new Error(`the waiting document was not anchored after the restore; worker log:\n${worker.tail()}`);
      await sleep(100);
    }
    await worker.stop();
    worker = undefined;
    const { rows: carried } = await pool.query<{ nonce: number }>("SELECT t.nonce FROM anchors a JOIN chain_transactions t ON t.id = a.transaction_id WHERE a.subject_id = $1", [waitingId]);
    expect(carried[0]!.nonce).toBe(sourceTransactions.at(-1)!.nonce + 1);

    const check = await checkEveryDocument(restored.env);
    expect(check.failed).toEqual([]);
    expect(check).toMatchObject({ documents: documentIds.length, verified: documentIds.length, pending: 0 });
    // A stack start and two child processes (worker, verifier): ≈15 s idle, several times that on a busy machine.
  }, 180_000);

  it("refuses to load into a database that already holds rows", async () => {
    await expect(restoreBackup(restored!.env, backup.dir)).rejects.toThrow(/not empty/);
  });
});
