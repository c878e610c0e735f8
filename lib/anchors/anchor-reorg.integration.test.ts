/**
 * Reorgs against the suite's real anvil: blocks holding confirmed anchors are dropped (`anvil_reorg`) or
 * rewound (`evm_snapshot` / `evm_revert`), and the worker must notice by the recorded block hash and
 * settle the rows again from the chain: re-sent when their transaction is gone, the new receipt taken when
 * it was mined again, left alone while it waits in the mempool, signed anew when its nonce went to another
 * transaction. Afterwards no row is lost (all CONFIRMED in a block the chain holds, the contract holds
 * each commitment) and none is duplicated (one anchoring transaction and one event per id or batch root).
 *
 * Each case only rewinds blocks it mined itself, so other files' anchors on the shared chain stay put.
 */
import pg from "pg";
import type { Hex, PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitmentHead } from "@/contracts/document-record";
import { batchLeaf } from "@/contracts/merkle";
import { anchorWalletClient, chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import { db } from "@/lib/db/client";
import { duplicatedKeys, insertPendingDocuments, ledgerClient, ledgerKey, readChainLedger, type InsertedRow } from "@/scripts/test-support/anchor-ledger";
import { anchorPending } from "./anchor-worker";
import { BATCH_MIN_DOCUMENTS } from "./chain-calls";

let pool: pg.Pool;
let ledger: PublicClient;
let sender: Hex;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  ledger = ledgerClient(process.env.CHAIN_RPC_URL!, Number(process.env.CHAIN_ID));
  sender = privateKeyToAccount(process.env.ANCHOR_PRIVATE_KEY as Hex).address;
  // Rows other files left in the shared outbox go out now, so the counts below are this file's alone.
  await anchorPending();
});

afterAll(async () => {
  await resyncClock();
  await pool.end();
});

async function rpc<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(process.env.CHAIN_RPC_URL!, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/**
 * anvil's evm_revert and anvil_reorg leave its clock at the rewound block's time, so later blocks would
 * lag behind the wall clock; grant windows checked by later files on this shared chain need it right.
 */
const resyncClock = () => rpc("evm_setTime", [Math.floor(Date.now() / 1000)]);

const headNumber = async () => Number(await ledger.getBlockNumber({ cacheTime: 0 }));
const rowsOf = (rows: InsertedRow[]) => db().anchor.findMany({ where: { id: { in: rows.map((r) => r.id) } }, include: { transaction: true } });

/**
 * No row lost, none duplicated: every row CONFIRMED in a block the chain holds under the recorded hash,
 * by a receipt that exists; the contract holds its commitment (and batch proof); exactly one anchoring
 * transaction and one event per id or root over the whole chain.
 */
async function expectChainMatchesDatabase(rows: InsertedRow[]): Promise<void> {
  const anchors = await rowsOf(rows);
  expect(anchors.filter((a) => a.state !== "CONFIRMED").map((a) => `${a.id} ${a.state} ${a.lastError}`)).toEqual([]);
  for (const anchor of anchors) {
    const block = await ledger.getBlock({ blockNumber: anchor.blockNumber! });
    expect(block.hash, `block ${anchor.blockNumber} of row ${anchor.id}`).toBe(anchor.blockHash);
    const receipt = await ledger.getTransactionReceipt({ hash: anchor.txHash as Hex });
    expect(receipt).toMatchObject({ status: "success", blockHash: anchor.blockHash, blockNumber: anchor.blockNumber });
    expect(anchor.transaction).toMatchObject({ state: "CONFIRMED", txHash: anchor.txHash, blockNumber: anchor.blockNumber });
    if (anchor.batchRoot) {
      const included = await ledger.readContract({ address: contractAddress(), abi: medAnchorAbi, functionName: "verifyBatchInclusion", args: [anchor.batchRoot as Hex, batchLeaf(anchor.anchorId as Hex, anchor.commitment as Hex), anchor.proof as Hex[]] });
      expect(included, `batch proof of row ${anchor.id}`).toBe(true);
    } else {
      const [head] = await ledger.readContract({ address: contractAddress(), abi: medAnchorAbi, functionName: "getDocument", args: [anchor.anchorId as Hex] });
      expect(head, `commitment of row ${anchor.id}`).toBe(commitmentHead(anchor.commitment as Hex));
    }
  }
  const chain = await readChainLedger(ledger, contractAddress(), sender);
  const keyed = anchors.map((a) => ({ anchorId: a.anchorId as Hex, batchRoot: a.batchRoot as Hex | null }));
  for (const row of keyed) expect(chain.transactionsByKey.get(ledgerKey(row))?.length, `transactions for ${ledgerKey(row)}`).toBe(1);
  expect(duplicatedKeys(chain, keyed)).toEqual([]);
}

describe("anchors in blocks a reorg drops", () => {
  it("are re-sent and confirmed again in the new chain: 0 lost, 0 duplicated", async () => {
    const before = await headNumber();
    const batch = await insertPendingDocuments(pool, BATCH_MIN_DOCUMENTS + 1);
    await anchorPending();
    const lone = await insertPendingDocuments(pool, 1);
    await anchorPending();
    const rows = [...batch, ...lone];
    const first = await rowsOf(rows);
    expect(first.every((a) => a.state === "CONFIRMED" && a.blockHash)).toBe(true);
    const oldBlocks = new Map(first.map((a) => [a.id, a.blockHash]));

    const depth = (await headNumber()) - before;
    expect(depth).toBeGreaterThanOrEqual(2);
    await rpc("anvil_reorg", [depth, []]);
    await resyncClock();
    expect(await ledger.getTransactionReceipt({ hash: first[0]!.txHash as Hex }).catch(() => null)).toBeNull();

    const report = await anchorPending();
    // Both transactions are gone from the new chain and the mempool: broadcast again under their own nonces.
    expect(report).toMatchObject({ reorged: rows.length, rebroadcast: 2, confirmed: rows.length });
    const after = await rowsOf(rows);
    for (const anchor of after) expect(anchor.blockHash).not.toBe(oldBlocks.get(anchor.id));
    await expectChainMatchesDatabase(rows);

    // Settled: running again finds nothing to do.
    expect(await anchorPending()).toMatchObject({ reorged: 0, signed: 0, rebroadcast: 0, confirmed: 0 });
  });
});

describe("a transaction whose block was rewound", () => {
  /** Anchors one row, then rewinds the chain to before its block; returns the row and its signed transaction. */
  async function anchorThenRewind(): Promise<{ rows: InsertedRow[]; rawTx: Hex; txHash: Hex; blockHash: string }> {
    const snapshot = await rpc<string>("evm_snapshot");
    const rows = await insertPendingDocuments(pool, 1);
    await anchorPending();
    const [anchor] = await rowsOf(rows);
    expect(anchor!.state).toBe("CONFIRMED");
    await rpc("evm_revert", [snapshot]);
    await resyncClock();
    return { rows, rawTx: anchor!.transaction!.rawTx as Hex, txHash: anchor!.txHash as Hex, blockHash: anchor!.blockHash! };
  }

  it("mined again in another block: the new receipt is taken, nothing is sent", async () => {
    const { rows, rawTx, txHash, blockHash } = await anchorThenRewind();
    // A block in between, so the transaction lands in a block with another hash than the one recorded.
    await rpc("evm_mine");
    await rpc("eth_sendRawTransaction", [rawTx]);
    const report = await anchorPending();
    expect(report).toMatchObject({ reorged: 1, signed: 0, rebroadcast: 0, confirmed: 1 });
    const [anchor] = await rowsOf(rows);
    expect(anchor).toMatchObject({ state: "CONFIRMED", txHash });
    expect(anchor!.blockHash).not.toBe(blockHash);
    await expectChainMatchesDatabase(rows);
  });

  it("back in the mempool: waits for it, never sends a second transaction", async () => {
    const { rows, rawTx, txHash } = await anchorThenRewind();
    await rpc("evm_setAutomine", [false]);
    try {
      await rpc("eth_sendRawTransaction", [rawTx]);
      const waiting = await anchorPending({ receiptTimeoutMs: 300 });
      expect(waiting).toMatchObject({ reorged: 1, signed: 0, rebroadcast: 0, replaced: 0, confirmed: 0 });
      expect((await rowsOf(rows))[0]!.state).toBe("SENT");
      await rpc("evm_mine");
      expect(await anchorPending({ receiptTimeoutMs: 300 })).toMatchObject({ confirmed: 1, signed: 0, rebroadcast: 0 });
    } finally {
      await rpc("evm_setAutomine", [true]);
    }
    expect((await rowsOf(rows))[0]!.txHash).toBe(txHash);
    await expectChainMatchesDatabase(rows);
  });

  it("its nonce taken by another transaction in the new chain: the row is signed anew and anchored once", async () => {
    const { rows, txHash } = await anchorThenRewind();
    const wallet = anchorWalletClient();
    const nonce = await chainPublicClient().getTransactionCount({ address: sender, blockTag: "pending" });
    await wallet.sendTransaction({ account: wallet.account, chain: wallet.chain, to: sender, value: 0n, nonce });
    const report = await anchorPending();
    expect(report).toMatchObject({ reorged: 1, signed: 1, confirmed: 1 });
    const [anchor] = await rowsOf(rows);
    expect(anchor!.txHash).not.toBe(txHash);
    await expectChainMatchesDatabase(rows);
  });
});

describe("CHAIN_CONFIRMATIONS", () => {
  it("keeps a mined anchor SENT until that many blocks are on top of its block", async () => {
    const rows = await insertPendingDocuments(pool, 1);
    expect(await anchorPending({ confirmations: 2 })).toMatchObject({ signed: 1, confirmed: 0, awaitingConfirmations: 1 });
    await rpc("evm_mine");
    expect(await anchorPending({ confirmations: 2 })).toMatchObject({ confirmed: 0, awaitingConfirmations: 1 });
    expect((await rowsOf(rows))[0]!.state).toBe("SENT");
    await rpc("evm_mine");
    expect(await anchorPending({ confirmations: 2 })).toMatchObject({ confirmed: 1, awaitingConfirmations: 0 });
    await expectChainMatchesDatabase(rows);
  });
});
