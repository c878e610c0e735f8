/**
 * Fault tests of the anchor worker against real processes: the worker process (scripts/worker.ts) killed
 * with SIGKILL at each failpoint, anvil stopped for seconds, Postgres restarted under a running worker,
 * and a stuck transaction replaced under its nonce. After each, every outbox row is CONFIRMED exactly
 * once: one stored transaction per row, one transaction and one event on chain per id or batch root,
 * and every anchoring transaction on chain is one the worker stored (under its own nonce).
 *
 * The file starts a stack of its own (not the suite's) because it stops and restarts its services.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { Hex, PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChain } from "@/scripts/services/chain";
import { startPostgres } from "@/scripts/services/postgres";
import type { RunningService } from "@/scripts/services/service-error";
import { startStack, type Stack } from "@/scripts/services/stack";
import { duplicatedKeys, insertPendingDocuments, ledgerClient, ledgerKey, readChainLedger, rowStates, storedTransactions, type InsertedRow } from "@/scripts/test-support/anchor-ledger";
import { startWorkerChild, type WorkerChild } from "@/scripts/test-support/worker-child";
import { anchorPending } from "./anchor-worker";
import type { Failpoint } from "./failpoints";

let dataRoot: string;
let stack: Stack;
let env: Record<string, string>;
let pool: pg.Pool;
let chain: PublicClient;
let contract: Hex;
let sender: Hex;
/** The services as currently running: restarts replace the stack's own. */
let anvil: RunningService;
let postgres: RunningService;
/** The worker left running between tests (each crash test starts its own first). */
let worker: WorkerChild | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const portOf = (url: string) => Number(new URL(url.replace(/^postgresql:/, "http:")).port);

async function rpc(method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(env.CHAIN_RPC_URL!, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

function newPool(): pg.Pool {
  const created = new pg.Pool({ connectionString: env.DATABASE_URL, max: 3, connectionTimeoutMillis: 2_000 });
  // Idle connections die with a Postgres restart; the pool drops them, the test must not crash on the event.
  created.on("error", () => {});
  return created;
}

beforeAll(async () => {
  dataRoot = await mkdtemp(path.join(tmpdir(), "medanchor-faults-"));
  stack = await startStack({ dataRoot, ports: "free", source: {} });
  env = { ...stack.env, NODE_ENV: "test" };
  // The in-process anchorPending (replacement test) reads lib/env lazily: point it at this file's stack.
  Object.assign(process.env, env);
  anvil = stack.embedded.chain!;
  postgres = stack.embedded.postgres!;
  pool = newPool();
  chain = ledgerClient(env.CHAIN_RPC_URL!, Number(env.CHAIN_ID));
  contract = env.CONTRACT_ADDRESS as Hex;
  sender = privateKeyToAccount(env.ANCHOR_PRIVATE_KEY as Hex).address;
});

afterAll(async () => {
  await worker?.stop();
  await pool?.end().catch(() => {});
  const { db } = await import("@/lib/db/client");
  await db().$disconnect().catch(() => {});
  await Promise.allSettled([anvil?.stop(), postgres?.stop()]);
  await stack?.stop();
  if (dataRoot) await rm(dataRoot, { recursive: true, force: true });
});

/** Polls until every row is CONFIRMED; Postgres may be briefly unreachable meanwhile. */
async function waitForConfirmed(rows: InsertedRow[], timeoutMs: number): Promise<void> {
  const ids = rows.map((r) => r.id);
  const deadline = Date.now() + timeoutMs;
  let last = "no answer from Postgres";
  for (;;) {
    try {
      const states = await rowStates(pool, ids);
      if (states.length === ids.length && states.every((s) => s.state === "CONFIRMED")) return;
      last = JSON.stringify(states.reduce<Record<string, number>>((counts, s) => ({ ...counts, [s.state]: (counts[s.state] ?? 0) + 1 }), {}));
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`rows not all CONFIRMED after ${timeoutMs} ms (${last}); worker log:\n${worker?.tail() ?? "(none)"}`);
    await sleep(200);
  }
}

/**
 * Every row CONFIRMED by one stored transaction, carried on chain by exactly one transaction with one
 * event; and, over the whole chain, every anchoring transaction is a stored one under the same nonce.
 */
async function expectAnchoredExactlyOnce(rows: InsertedRow[]): Promise<void> {
  const states = await rowStates(pool, rows.map((r) => r.id));
  expect(states).toHaveLength(rows.length);
  expect(states.filter((s) => s.state !== "CONFIRMED")).toEqual([]);
  const stored = await storedTransactions(pool);
  const storedById = new Map(stored.map((t) => [t.id, t]));
  const ledger = await readChainLedger(chain, contract, sender);
  for (const row of states) {
    const transaction = storedById.get(row.transactionId!);
    expect(transaction, `row ${row.id} has its stored transaction`).toBeDefined();
    expect(transaction!.state).toBe("CONFIRMED");
    expect(transaction!.txHash).toBe(row.txHash);
    const onChain = ledger.transactionsByKey.get(ledgerKey(row)) ?? [];
    expect(onChain.map((t) => t.hash), `transactions on chain for row ${row.id}`).toEqual([row.txHash]);
    expect(onChain[0]!.nonce).toBe(transaction!.nonce);
    expect(ledger.eventsByKey.get(ledgerKey(row))).toBe(1);
  }
  expect(duplicatedKeys(ledger, states)).toEqual([]);
  // No transaction was given up on (a requeue would mean a nonce abandoned and the rows sent again).
  expect(stored.filter((t) => t.state !== "CONFIRMED").map((t) => `${t.nonce} ${t.state}`)).toEqual([]);
  // The chain holds exactly the stored transactions: none sent twice, none sent that Postgres does not know, nonces distinct.
  const storedByHash = new Map(stored.flatMap((t) => t.attempts.map((a) => [a.hash, t] as const)));
  for (const tx of ledger.transactions) expect(storedByHash.get(tx.hash)?.nonce, `stored nonce of ${tx.hash}`).toBe(tx.nonce);
  expect(new Set(ledger.transactions.map((t) => t.nonce)).size).toBe(ledger.transactions.length);
  expect(ledger.transactions).toHaveLength(stored.length);
}

describe("the worker process killed with SIGKILL at each failpoint", () => {
  // Three lone documents go out as three anchorDocument transactions; six make one Merkle batch.
  const cases: [Failpoint, number][] = [
    ["after-sign", 3],
    ["after-broadcast", 6],
    ["before-confirm", 6],
  ];
  for (const [point, count] of cases) {
    // Generous waits: a fresh worker process compiles with tsx before its first run, seconds on a busy CI machine.
    it(`${point}: dies there, and a restarted worker confirms every row exactly once`, { timeout: 150_000 }, async () => {
      await worker?.stop();
      const rows = await insertPendingDocuments(pool, count);
      const crashing = startWorkerChild(env, { failpoint: point });
      worker = crashing;
      const ended = await Promise.race([crashing.exited, sleep(30_000).then(() => null)]);
      expect(ended, `the worker should have died at ${point}:\n${crashing.tail()}`).toEqual({ code: null, signal: "SIGKILL" });
      const midway = await rowStates(pool, rows.map((r) => r.id));
      expect(midway.map((r) => r.state)).toEqual(rows.map(() => "SENT"));

      worker = startWorkerChild(env);
      await waitForConfirmed(rows, 90_000);
      await expectAnchoredExactlyOnce(rows);
    });
  }
});

describe("dependencies going away under a running worker", () => {
  it("anvil stopped for 8 s: the worker logs, backs off, keeps running, and confirms everything once anvil is back", async () => {
    if (!worker?.running()) worker = startWorkerChild(env);
    const before = await insertPendingDocuments(pool, 5);
    await sleep(100);
    await anvil.stop();
    const during = await insertPendingDocuments(pool, 2);
    await sleep(8_000);
    expect(worker.running(), worker.tail()).toBe(true);
    expect(worker.events("task.failed").filter((line) => line.task === "anchor").length).toBeGreaterThanOrEqual(1);
    anvil = await startChain({ dataDir: path.join(dataRoot, "chain"), port: portOf(env.CHAIN_RPC_URL!) });
    await waitForConfirmed([...before, ...during], 30_000);
    expect(worker.running()).toBe(true);
    await expectAnchoredExactlyOnce([...before, ...during]);
  });

  it("Postgres restarted while the worker anchors: it loses and regains leadership, and confirms everything once", async () => {
    if (!worker?.running()) worker = startWorkerChild(env);
    const acquiredBefore = worker.events("leader.acquired").length;
    const before = await insertPendingDocuments(pool, 6);
    // Pull the plug the moment the worker has claimed them (SENT), with their transaction on its way.
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && (await rowStates(pool, before.map((r) => r.id))).every((r) => r.state === "PENDING")) await sleep(10);
    await postgres.stop();
    await sleep(1_000);
    postgres = await startPostgres({ dataDir: path.join(dataRoot, "postgres"), port: portOf(env.DATABASE_URL!) });
    await pool.end().catch(() => {});
    pool = newPool();
    const after = await insertPendingDocuments(pool, 4);
    await waitForConfirmed([...before, ...after], 30_000);
    expect(worker.running(), worker.tail()).toBe(true);
    expect(worker.events("leader.lost").length).toBeGreaterThanOrEqual(1);
    expect(worker.events("leader.acquired").length).toBeGreaterThan(acquiredBefore);
    await expectAnchoredExactlyOnce([...before, ...after]);
  });
});

describe("a stuck transaction", () => {
  it("is replaced under the same nonce with a higher fee; only one transaction for that nonce is mined", async () => {
    // In-process from here (a 1 s stuck threshold); the worker process would compete for the rows.
    await worker?.stop();
    worker = undefined;
    await rpc("evm_setAutomine", [false]);
    try {
      const rows = await insertPendingDocuments(pool, 1);
      const first = await anchorPending({ stuckAfterMs: 1_000, receiptTimeoutMs: 300 });
      expect(first).toMatchObject({ signed: 1, confirmed: 0 });
      await sleep(1_100);
      const second = await anchorPending({ stuckAfterMs: 1_000, receiptTimeoutMs: 300 });
      expect(second).toMatchObject({ replaced: 1, confirmed: 0 });
      await rpc("evm_mine");
      const third = await anchorPending({ stuckAfterMs: 1_000, receiptTimeoutMs: 300 });
      expect(third).toMatchObject({ confirmed: 1, replaced: 0 });

      const [row] = await rowStates(pool, [rows[0]!.id]);
      const transaction = (await storedTransactions(pool)).find((t) => t.id === row!.transactionId)!;
      expect(transaction.attempts).toHaveLength(2);
      expect(BigInt(transaction.attempts[1]!.maxFeePerGas)).toBeGreaterThan(BigInt(transaction.attempts[0]!.maxFeePerGas));
      // The replacement is what was mined, and it is the only transaction with that nonce.
      expect(row!.txHash).toBe(transaction.attempts[1]!.hash);
      const ledger = await readChainLedger(chain, contract, sender);
      expect(ledger.transactions.filter((t) => t.nonce === transaction.nonce).map((t) => t.hash)).toEqual([transaction.attempts[1]!.hash]);
      await expectAnchoredExactlyOnce(rows);
    } finally {
      await rpc("evm_setAutomine", [true]);
    }
  });
});
