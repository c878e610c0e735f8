import "server-only";
import type { Hex } from "viem";
import { chainPublicClient } from "@/lib/chain/clients";
import { db } from "@/lib/db/client";

/**
 * How far below the head (on top of CHAIN_CONFIRMATIONS) confirmed anchors are re-checked. A reorg
 * deeper than the confirmations an operator chose is already outside what the setting promises; the
 * margin catches the ones a too-small setting lets through without re-reading the whole chain each run.
 */
export const REORG_WINDOW_BLOCKS = 64n;

const REORGED = "Its block was dropped by a reorg; settling it again from the chain.";

/**
 * Blocks found canonical under the current head. The anchor task runs every quarter second: re-reading
 * a window of blocks each time would cost more than the anchoring itself, and while the head is the same
 * block nothing below it can have changed.
 */
let verified: { head: Hex; blocks: Set<string> } | undefined;

interface RecordedBlock {
  transaction_id: string;
  block_number: bigint;
  block_hash: string;
}

/**
 * The reorg check: every transaction whose confirming block (within the window) is no longer the block
 * at that height goes back to SENT with its rows. The in-flight reconciler then settles it from the
 * chain as after a restart: re-included → the new receipt is taken; still in the mempool → it waits
 * (never a second transaction for the same rows); dropped → the stored transaction is broadcast again
 * under its own nonce; that nonce taken by another transaction → the rows are queued and signed anew,
 * which the contract accepts because the dropped block's record is gone with it.
 */
export async function reopenReorged(confirmations: number): Promise<{ transactions: number; rows: number }> {
  const client = chainPublicClient();
  const head = await client.getBlock({ blockTag: "latest" });
  if (verified?.head !== head.hash) verified = { head: head.hash, blocks: new Set() };
  const known = verified.blocks;
  const floor = head.number - REORG_WINDOW_BLOCKS - BigInt(confirmations);
  const recorded = await db().$queryRaw<RecordedBlock[]>`
    SELECT DISTINCT transaction_id, block_number, block_hash FROM anchors
    WHERE state = 'CONFIRMED' AND block_hash IS NOT NULL AND transaction_id IS NOT NULL AND block_number > ${floor}`;
  const heights = [...new Set(recorded.filter((r) => !known.has(`${r.block_number}:${r.block_hash}`) && r.block_number <= head.number).map((r) => r.block_number))];
  const canonical = new Map<bigint, string>();
  await Promise.all(heights.map(async (blockNumber) => canonical.set(blockNumber, (await client.getBlock({ blockNumber })).hash)));
  const stale = new Set<string>();
  for (const row of recorded) {
    const key = `${row.block_number}:${row.block_hash}`;
    if (known.has(key)) continue;
    if (canonical.get(row.block_number) === row.block_hash) known.add(key);
    else stale.add(row.transaction_id);
  }
  let rows = 0;
  for (const transactionId of stale) rows += await reopen(transactionId);
  return { transactions: stale.size, rows };
}

async function reopen(transactionId: string): Promise<number> {
  return db().$transaction(async (tx) => {
    const moved = await tx.chainTransaction.updateMany({
      where: { id: transactionId, state: "CONFIRMED" },
      // sentAt restarts so a transaction back in the mempool is not taken for stuck and replaced at once.
      data: { state: "SENT", blockNumber: null, blockTime: null, gasUsed: null, confirmedAt: null, sentAt: new Date(), lastError: REORGED },
    });
    if (moved.count !== 1) return 0;
    const reopened = await tx.anchor.updateMany({
      where: { transactionId, state: "CONFIRMED" },
      data: { state: "SENT", blockNumber: null, blockHash: null, blockTime: null, confirmedAt: null, lastError: REORGED },
    });
    return reopened.count;
  });
}
