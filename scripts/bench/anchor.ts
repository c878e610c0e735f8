/**
 * Anchoring: what a document costs on chain and how fast the real worker process (scripts/worker.ts)
 * gets outbox rows there, on an isolated stack of its own (Postgres, S3 server, anvil) started here.
 *
 * - `gas_single`, `gas_batched_per_doc`: gasUsed of one anchorDocument; of one anchorBatch of 256 / 256.
 * - `throughput_ratio`: worker rows/s draining a backlog vs a bare viem loop (sign + send anchorDocument
 *   with sequential nonces, then wait for every receipt) anchoring as many documents, same run, same chain
 *   (automine). The worker batches waiting documents (one anchorBatch per ≤ 256 rows), the loop cannot.
 * - `backlog_1000_s`: 1000 PENDING rows committed at once while the worker idles → the last one CONFIRMED.
 * - `lag_p50_ms`, `lag_p95_ms`: commit of an outbox row → CONFIRMED (the worker's confirmed_at), rows
 *   inserted at a steady rate while anvil mines a block every second.
 * - `duplicate_txs`: ids or batch roots of the worker's rows carried by more than one transaction or
 *   announced by more than one event (must be 0); `unconfirmed_rows` likewise.
 *
 * Goals (issue 7): gas ≤ 50k single and ≤ 1k per document batched, throughput ≥ 0.8×, lag p95 ≤ 2 s,
 * backlog < 30 s.
 */
import pg from "pg";
import type { Hex } from "viem";
import { startStack } from "../services/stack";
import { duplicatedKeys, insertPendingDocuments, ledgerClient, readChainLedger, type InsertedRow } from "../test-support/anchor-ledger";
import { startWorkerChild, type WorkerChild } from "../test-support/worker-child";
import { bareSendLoopSeconds, chainClients, measureGas, setMining, type ChainTarget } from "./anchor/chain-baseline";
import type { BenchContext } from "./context";
import { percentile, round } from "./stats";

export const description = "gas per document (single, batch of 256), worker vs bare viem loop, lag at 1 s blocks, 1000-row backlog";

const BATCH_SIZE = 256;
const BACKLOG_ROWS = 1000;
const LAG_RATE_PER_S = 10;
const LAG_SECONDS = 30;
/** Rows of the first seconds are left out of the lag figures: the worker and the pool are warming up. */
const LAG_WARM_UP_S = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs: number, worker?: WorkerChild): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${worker ? `; worker log:\n${worker.tail()}` : ""}`);
    await sleep(25);
  }
}

async function confirmedCount(pool: pg.Pool, ids: string[]): Promise<number> {
  const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM anchors WHERE id = ANY($1::uuid[]) AND state = 'CONFIRMED'", [ids]);
  return rows[0]!.n;
}

export default async function run(context: BenchContext): Promise<Record<string, number>> {
  const dataRoot = await context.tempDir("anchor");
  context.log("anchor: starting an isolated stack (automine)");
  const stack = await startStack({ dataRoot, ports: "free", source: {} });
  context.defer(() => stack.stop());
  const env: Record<string, string> = { ...stack.env, NODE_ENV: "development" };
  const target: ChainTarget = { rpcUrl: env.CHAIN_RPC_URL!, chainId: Number(env.CHAIN_ID), contract: env.CONTRACT_ADDRESS as Hex, privateKey: env.ANCHOR_PRIVATE_KEY as Hex };
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4 });
  context.defer(() => pool.end());

  context.log(`anchor: gas of anchorDocument and of anchorBatch(${BATCH_SIZE})`);
  const gas = await measureGas(target, BATCH_SIZE);

  context.log(`anchor: bare viem loop, ${BACKLOG_ROWS} anchorDocument transactions`);
  const bareSeconds = await bareSendLoopSeconds(target, BACKLOG_ROWS);

  context.log("anchor: starting the worker process");
  const worker = startWorkerChild(env);
  context.defer(() => worker.stop());
  await waitFor("the worker to lead", () => worker.events("leader.acquired").length > 0, 60_000, worker);
  // One small round first, so the backlog is not also the worker's first query and first transaction.
  const warm = await insertPendingDocuments(pool, 2);
  await waitFor("the warm-up rows", async () => (await confirmedCount(pool, warm.map((r) => r.id))) === warm.length, 30_000, worker);

  context.log(`anchor: backlog of ${BACKLOG_ROWS} rows`);
  const backlogStarted = Date.now();
  const backlog = await insertPendingDocuments(pool, BACKLOG_ROWS);
  const committedAt = Date.now();
  const backlogIds = backlog.map((r) => r.id);
  await waitFor("the backlog to drain", async () => (await confirmedCount(pool, backlogIds)) === BACKLOG_ROWS, 120_000, worker);
  const { rows: lastConfirmed } = await pool.query<{ at: Date }>("SELECT max(confirmed_at) AS at FROM anchors WHERE id = ANY($1::uuid[])", [backlogIds]);
  const backlogSeconds = (lastConfirmed[0]!.at.getTime() - committedAt) / 1000;
  context.log(`anchor: backlog drained in ${backlogSeconds.toFixed(2)} s (insert took ${((committedAt - backlogStarted) / 1000).toFixed(2)} s)`);

  context.log(`anchor: lag, ${LAG_RATE_PER_S} rows/s for ${LAG_SECONDS} s with a block every second`);
  await setMining(target.rpcUrl, { intervalSeconds: 1 });
  const lagRows: { row: InsertedRow; committedAt: number }[] = [];
  const lagStarted = Date.now();
  for (let i = 0; i < LAG_RATE_PER_S * LAG_SECONDS; i += 1) {
    const due = lagStarted + (i * 1000) / LAG_RATE_PER_S;
    if (due > Date.now()) await sleep(due - Date.now());
    const [row] = await insertPendingDocuments(pool, 1);
    lagRows.push({ row: row!, committedAt: Date.now() });
  }
  const lagIds = lagRows.map((r) => r.row.id);
  await waitFor("the lag rows", async () => (await confirmedCount(pool, lagIds)) === lagIds.length, 60_000, worker);
  const { rows: confirmations } = await pool.query<{ id: string; confirmed_at: Date }>("SELECT id, confirmed_at FROM anchors WHERE id = ANY($1::uuid[])", [lagIds]);
  const confirmedAt = new Map(confirmations.map((r) => [r.id, r.confirmed_at.getTime()]));
  const lags = lagRows.filter((r) => r.committedAt - lagStarted >= LAG_WARM_UP_S * 1000).map((r) => confirmedAt.get(r.row.id)! - r.committedAt);
  await setMining(target.rpcUrl, { automine: true });

  context.log("anchor: reading the chain for duplicates");
  await worker.stop();
  const { rows: allRows } = await pool.query<{ anchorId: Hex; batchRoot: Hex | null; state: string }>(`SELECT anchor_id AS "anchorId", batch_root AS "batchRoot", state::text AS state FROM anchors`);
  const sender = chainClients(target).account.address;
  const ledger = await readChainLedger(ledgerClient(target.rpcUrl, target.chainId), target.contract, sender);
  const duplicates = duplicatedKeys(ledger, allRows);
  const { rows: transactions } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM chain_transactions");

  const workerRowsPerSecond = BACKLOG_ROWS / backlogSeconds;
  const bareRowsPerSecond = BACKLOG_ROWS / bareSeconds;
  return {
    gas_single: Number(gas.single),
    gas_batched_per_doc: round(gas.batchedPerDocument, 1),
    throughput_ratio: round(workerRowsPerSecond / bareRowsPerSecond, 2),
    worker_rows_per_s: round(workerRowsPerSecond, 1),
    bare_loop_rows_per_s: round(bareRowsPerSecond, 1),
    backlog_1000_s: round(backlogSeconds, 2),
    lag_p50_ms: Math.round(percentile(lags, 50)),
    lag_p95_ms: Math.round(percentile(lags, 95)),
    lag_max_ms: Math.round(Math.max(...lags)),
    lag_rows: lags.length,
    worker_transactions: transactions[0]!.n,
    duplicate_txs: duplicates.length,
    unconfirmed_rows: allRows.filter((r) => r.state !== "CONFIRMED").length,
  };
}
