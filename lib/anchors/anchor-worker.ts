import "server-only";
import { keccak256, parseTransaction, type Hex, type TransactionReceipt } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { anchorWalletClient, chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { serverEnv } from "@/lib/env";
import { nextAttemptAt } from "./backoff";
import { BATCH_MAX_DOCUMENTS, BATCH_MIN_DOCUMENTS, batchCall, singleCall, type OutboxRow, type PlannedCall } from "./chain-calls";
import { isAlreadyKnown, revertName } from "./chain-errors";
import { failpoint } from "./failpoints";
import { reopenReorged } from "./reorgs";

type Tx = Prisma.TransactionClient;

export interface AnchorReport {
  signed: number;
  confirmed: number;
  /** Rows settled without a transaction: expiries, and records the chain already holds in a final state. */
  settled: number;
  failed: number;
  rebroadcast: number;
  replaced: number;
  /** Mined transactions whose block has fewer than CHAIN_CONFIRMATIONS blocks on top yet. */
  awaitingConfirmations: number;
  /** Rows taken back from CONFIRMED because a reorg dropped their block. */
  reorged: number;
}

export interface AnchorOptions {
  signal?: AbortSignal;
  /** Rows claimed per round (a batch holds at most BATCH_MAX_DOCUMENTS documents). */
  claimLimit?: number;
  /** How long to wait for receipts right after broadcasting before leaving them to the next run. */
  receiptTimeoutMs?: number;
  /**
   * Wait for the receipts of what this run sent (default, so a caller sees rows CONFIRMED on return), or
   * leave them to the next run's reconciler: the worker does that, so rows committed while a transaction
   * is in flight go out at once instead of a block later.
   */
  waitForReceipts?: boolean;
  /** A SENT transaction without a receipt for this long is replaced (same nonce, higher fee). */
  stuckAfterMs?: number;
  /** Blocks needed on top of a receipt's block before its rows are CONFIRMED (default CHAIN_CONFIRMATIONS). */
  confirmations?: number;
}

const GAS_HEADROOM = (gas: bigint) => (gas * 12n) / 10n + 10_000n;
/** A replacement must pay at least 10 % more to be accepted; 25 % leaves room. */
const FEE_BUMP = (fee: bigint) => (fee * 125n) / 100n + 1n;

interface Attempt {
  hash: Hex;
  maxFeePerGas: string;
  signedAt: string;
}

function anchorAccount() {
  return privateKeyToAccount(serverEnv().chain.anchorPrivateKey);
}

/**
 * The anchor worker's task. First takes back rows whose block a reorg dropped (lib/anchors/reorgs.ts),
 * then settles what earlier runs left in flight (the reconciler: receipts,
 * re-broadcasts of signed-but-unsent transactions, replacements of stuck ones), then claims PENDING
 * outbox rows with FOR UPDATE SKIP LOCKED and, in the same transaction, allocates nonces from
 * Postgres and stores each signed transaction before anything is broadcast. A crash at any point
 * therefore leaves either nothing signed (rows still PENDING) or a stored transaction that the next run
 * sends again or finds mined: every row is confirmed exactly once, never by two transactions.
 */
export async function anchorPending(options: AnchorOptions = {}): Promise<AnchorReport> {
  const report: AnchorReport = { signed: 0, confirmed: 0, settled: 0, failed: 0, rebroadcast: 0, replaced: 0, awaitingConfirmations: 0, reorged: 0 };
  const confirmations = options.confirmations ?? serverEnv().chain.confirmations;
  report.reorged = (await reopenReorged(confirmations)).rows;
  await settleInFlight(report, options, confirmations);
  const limit = options.claimLimit ?? BATCH_MAX_DOCUMENTS;
  while (!options.signal?.aborted) {
    const signed = await claimAndSign(report, limit);
    if (signed.length === 0) break;
    failpoint("after-sign");
    for (const transaction of signed) await broadcast(transaction);
    failpoint("after-broadcast");
    if (options.waitForReceipts === false) continue;
    for (const transaction of signed) {
      const receipt = await chainPublicClient()
        .waitForTransactionReceipt({ hash: transaction.txHash, timeout: options.receiptTimeoutMs ?? 15_000 })
        .catch(() => null);
      if (receipt) await confirm(transaction.id, receipt, report, confirmations);
    }
  }
  return report;
}

interface SignedTransaction {
  id: string;
  txHash: Hex;
  rawTx: Hex;
}

interface RawOutboxRow {
  id: string;
  kind: OutboxRow["kind"];
  action: OutboxRow["action"];
  anchor_id: string;
  commitment: string;
  valid_from: Date | null;
  valid_until: Date | null;
  attempts: number;
}

async function claimAndSign(report: AnchorReport, limit: number): Promise<SignedTransaction[]> {
  return db().$transaction(
    async (tx) => {
      const claimed = await tx.$queryRaw<RawOutboxRow[]>`
        SELECT id, kind::text AS kind, action::text AS action, anchor_id, commitment, valid_from, valid_until, attempts
        FROM anchors
        WHERE state = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= now())
        ORDER BY created_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`;
      if (claimed.length === 0) return [];
      const rows: (OutboxRow & { attempts: number })[] = claimed.map((r) => ({ id: r.id, kind: r.kind, action: r.action, anchorId: r.anchor_id, commitment: r.commitment, validFrom: r.valid_from, validUntil: r.valid_until, attempts: r.attempts }));
      const calls = await planCalls(tx, rows, report);
      const signed: SignedTransaction[] = [];
      for (const call of calls) {
        const transaction = await signCall(tx, call, rows, report);
        if (transaction) signed.push(transaction);
      }
      return signed;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/** Groups claimed rows into calls; ends of grants wait for their record, expiries settle without a transaction. */
async function planCalls(tx: Tx, rows: OutboxRow[], report: AnchorReport): Promise<PlannedCall[]> {
  const documents = rows.filter((r) => r.kind === "DOCUMENT" && r.action === "RECORD");
  const ends = rows.filter((r) => r.action !== "RECORD");
  const others = rows.filter((r) => r.action === "RECORD" && r.kind !== "DOCUMENT");
  const calls: PlannedCall[] = documents.length >= BATCH_MIN_DOCUMENTS ? [batchCall(documents)] : documents.map((r) => singleCall(r)!);
  for (const row of others) calls.push(singleCall(row)!);
  if (ends.length === 0) return calls;
  const records = await tx.anchor.findMany({ where: { anchorId: { in: ends.map((r) => r.anchorId) }, action: "RECORD" }, select: { anchorId: true, state: true } });
  const recordState = new Map(records.map((r) => [r.anchorId, r.state]));
  for (const row of ends) {
    const record = recordState.get(row.anchorId);
    if (record === "CONFIRMED") {
      if (row.action === "EXPIRE") {
        // Nothing to send: the window written with the record ends it on chain by itself.
        await tx.anchor.update({ where: { id: row.id }, data: { state: "CONFIRMED", confirmedAt: new Date(), lastError: null } });
        report.settled += 1;
      } else calls.push(singleCall(row)!);
    } else if (record === "FAILED" || record === undefined) {
      await tx.anchor.update({ where: { id: row.id }, data: { state: "FAILED", lastError: "Its record was never anchored." } });
      report.failed += 1;
    }
    // Otherwise the record is still on its way: the row stays PENDING and goes out in a later round, after it.
  }
  return calls;
}

/** Estimates (which also simulates), allocates a nonce and stores the signed transaction; all in the claim's transaction. */
async function signCall(tx: Tx, call: PlannedCall, rows: (OutboxRow & { attempts: number })[], report: AnchorReport): Promise<SignedTransaction | null> {
  const account = anchorAccount();
  const client = chainPublicClient();
  const ids = call.rows.map((r) => r.id);
  let gas: bigint;
  try {
    gas = await client.estimateContractGas({ address: contractAddress(), abi: medAnchorAbi, functionName: call.method, args: call.args, account } as Parameters<typeof client.estimateContractGas>[0]);
  } catch (error) {
    const name = revertName(error);
    if (!name) throw error;
    if (/Revoked$/.test(name) && (call.method === "setGrant" || call.method === "attestDoctor")) {
      // Already set and revoked on chain (a retry after the revoke was mined): final, nothing to send.
      await tx.anchor.updateMany({ where: { id: { in: ids } }, data: { state: "CONFIRMED", confirmedAt: new Date(), lastError: `Already final on chain (${name}).` } });
      report.settled += ids.length;
      return null;
    }
    if (/Mismatch$/.test(name)) {
      await tx.anchor.updateMany({ where: { id: { in: ids } }, data: { state: "FAILED", lastError: `The chain holds a different commitment under this id (${name}).` } });
      report.failed += ids.length;
      return null;
    }
    for (const id of ids) {
      const attempts = (rows.find((r) => r.id === id)?.attempts ?? 0) + 1;
      await tx.anchor.update({ where: { id }, data: { attempts, nextAttemptAt: nextAttemptAt(attempts), lastError: name } });
    }
    return null;
  }
  const fees = await client.estimateFeesPerGas();
  const nonce = await allocateNonce(tx, account.address);
  const rawTx = await anchorWalletClient().signTransaction({
    account,
    chain: client.chain,
    to: contractAddress(),
    data: call.data,
    nonce,
    gas: GAS_HEADROOM(gas),
    maxFeePerGas: fees.maxFeePerGas,
    maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    type: "eip1559",
  });
  const txHash = keccak256(rawTx);
  const attempt: Attempt = { hash: txHash, maxFeePerGas: fees.maxFeePerGas.toString(), signedAt: new Date().toISOString() };
  const stored = await tx.chainTransaction.create({
    data: { sender: account.address, nonce, method: call.method, txHash, rawTx, maxFeePerGas: attempt.maxFeePerGas, attempts: [{ ...attempt }] },
    select: { id: true },
  });
  for (const row of call.rows) {
    await tx.anchor.update({ where: { id: row.id }, data: { state: "SENT", transactionId: stored.id, txHash, batchRoot: row.batchRoot ?? null, proof: row.proof ?? undefined, lastError: null } });
  }
  report.signed += 1;
  return { id: stored.id, txHash, rawTx };
}

/**
 * The next nonce from Postgres, never below what the chain has seen from this account (someone else may
 * have used the key, e.g. the deployment). The row lock serialises concurrent claimers.
 */
async function allocateNonce(tx: Tx, address: string): Promise<number> {
  const onChain = await chainPublicClient().getTransactionCount({ address: address as Hex, blockTag: "pending" });
  const rows = await tx.$queryRaw<{ nonce: number }[]>`
    INSERT INTO chain_accounts (address, next_nonce) VALUES (${address}, ${onChain + 1})
    ON CONFLICT (address) DO UPDATE SET next_nonce = GREATEST(chain_accounts.next_nonce, ${onChain}) + 1
    RETURNING next_nonce - 1 AS nonce`;
  return Number(rows[0]!.nonce);
}

async function broadcast(transaction: SignedTransaction): Promise<void> {
  try {
    await chainPublicClient().sendRawTransaction({ serializedTransaction: transaction.rawTx });
  } catch (error) {
    if (!isAlreadyKnown(error)) throw error;
  }
  await db().chainTransaction.updateMany({ where: { id: transaction.id, state: "SIGNED" }, data: { state: "SENT", sentAt: new Date() } });
}

async function receiptOf(hash: Hex): Promise<TransactionReceipt | null> {
  return chainPublicClient()
    .getTransactionReceipt({ hash })
    .catch((error: unknown) => {
      if (error instanceof Error && error.name === "TransactionReceiptNotFoundError") return null;
      throw error;
    });
}

/**
 * Marks a mined transaction and its rows CONFIRMED with the block's hash, once CHAIN_CONFIRMATIONS blocks
 * are on top of it (until then it stays SENT and the next run's reconciler looks again), or, if it
 * reverted, puts the rows back in the queue.
 */
async function confirm(transactionId: string, receipt: TransactionReceipt, report: AnchorReport, confirmations: number): Promise<void> {
  const client = chainPublicClient();
  if (confirmations > 0 && (await client.getBlockNumber({ cacheTime: 0 })) - receipt.blockNumber < BigInt(confirmations)) {
    report.awaitingConfirmations += 1;
    return;
  }
  // By hash, not number: the time must come from the very block the receipt names. Gone already (a reorg
  // since the receipt was read): the next run reads the receipt again.
  const block = await client.getBlock({ blockHash: receipt.blockHash }).catch(() => null);
  if (!block) return;
  const blockTime = new Date(Number(block.timestamp) * 1000);
  failpoint("before-confirm");
  await db().$transaction(async (tx) => {
    const moved = await tx.chainTransaction.updateMany({
      where: { id: transactionId, state: { in: ["SIGNED", "SENT"] } },
      data: receipt.status === "success"
        ? { state: "CONFIRMED", txHash: receipt.transactionHash, blockNumber: receipt.blockNumber, blockTime, gasUsed: receipt.gasUsed, confirmedAt: new Date() }
        : { state: "FAILED", txHash: receipt.transactionHash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed, lastError: "The transaction reverted." },
    });
    if (moved.count !== 1) return;
    if (receipt.status === "success") {
      const updated = await tx.anchor.updateMany({
        where: { transactionId, state: "SENT" },
        data: { state: "CONFIRMED", txHash: receipt.transactionHash, blockNumber: receipt.blockNumber, blockHash: receipt.blockHash, blockTime, confirmedAt: new Date() },
      });
      report.confirmed += updated.count;
    } else {
      const rows = await tx.anchor.findMany({ where: { transactionId, state: "SENT" }, select: { id: true, attempts: true } });
      for (const row of rows) {
        await tx.anchor.update({ where: { id: row.id }, data: { state: "PENDING", transactionId: null, txHash: null, batchRoot: null, proof: Prisma.DbNull, attempts: row.attempts + 1, nextAttemptAt: nextAttemptAt(row.attempts + 1), lastError: "The transaction reverted; retrying." } });
      }
    }
  });
}

/**
 * The reconciler: every stored transaction still SIGNED or SENT is settled from chain state. Mined
 * (any attempt) → confirmed; never broadcast or dropped by the node → sent again; stuck → replaced under
 * the same nonce with a higher fee; its nonce taken by something else → its rows go back to the queue.
 */
async function settleInFlight(report: AnchorReport, options: AnchorOptions, confirmations: number): Promise<void> {
  const inFlight = await db().chainTransaction.findMany({ where: { state: { in: ["SIGNED", "SENT"] } }, orderBy: [{ nonce: "asc" }] });
  const client = chainPublicClient();
  for (const transaction of inFlight) {
    if (options.signal?.aborted) return;
    const attempts = (transaction.attempts as unknown as Attempt[]) ?? [];
    let receipt: TransactionReceipt | null = null;
    for (const attempt of [...attempts].reverse()) {
      receipt = await receiptOf(attempt.hash);
      if (receipt) break;
    }
    if (receipt) {
      await confirm(transaction.id, receipt, report, confirmations);
      continue;
    }
    const minedNonce = await client.getTransactionCount({ address: transaction.sender as Hex, blockTag: "latest" });
    if (minedNonce > transaction.nonce) {
      await requeue(transaction.id, "Its nonce was used by another transaction.");
      continue;
    }
    const known = await client.getTransaction({ hash: transaction.txHash as Hex }).catch(() => null);
    const stuck = transaction.state === "SENT" && known && Date.now() - (transaction.sentAt?.getTime() ?? 0) > (options.stuckAfterMs ?? 60_000);
    if (stuck) {
      if (await replace(transaction.id, transaction.txHash as Hex)) report.replaced += 1;
    } else if (!known) {
      await broadcast({ id: transaction.id, txHash: transaction.txHash as Hex, rawTx: transaction.rawTx as Hex });
      report.rebroadcast += 1;
      const sent = await client.waitForTransactionReceipt({ hash: transaction.txHash as Hex, timeout: options.receiptTimeoutMs ?? 15_000 }).catch(() => null);
      if (sent) await confirm(transaction.id, sent, report, confirmations);
    }
  }
}

async function requeue(transactionId: string, reason: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const moved = await tx.chainTransaction.updateMany({ where: { id: transactionId, state: { in: ["SIGNED", "SENT"] } }, data: { state: "FAILED", lastError: reason } });
    if (moved.count !== 1) return;
    await tx.anchor.updateMany({ where: { transactionId, state: "SENT" }, data: { state: "PENDING", transactionId: null, txHash: null, batchRoot: null, proof: Prisma.DbNull, lastError: reason } });
  });
}

/**
 * Same nonce, same call, a higher fee: stored first, then broadcast; whichever attempt is mined settles
 * the rows. The row is locked and must still name the attempt we saw, so two workers that both think they
 * lead (a split) cannot each sign a replacement and lose track of one.
 */
async function replace(transactionId: string, seenHash: Hex): Promise<boolean> {
  const client = chainPublicClient();
  const rawTx = await db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ tx_hash: string; raw_tx: string; max_fee_per_gas: string; attempts: Attempt[] }[]>`
      SELECT tx_hash, raw_tx, max_fee_per_gas, attempts FROM chain_transactions WHERE id = ${transactionId}::uuid AND state = 'SENT' FOR UPDATE`;
    if (!row || row.tx_hash !== seenHash) return null;
    const previous = parseTransaction(row.raw_tx as Hex);
    const fees = await client.estimateFeesPerGas();
    const maxFeePerGas = [FEE_BUMP(BigInt(row.max_fee_per_gas)), fees.maxFeePerGas].reduce((a, b) => (a > b ? a : b));
    const maxPriorityFeePerGas = [FEE_BUMP(previous.maxPriorityFeePerGas ?? 0n), fees.maxPriorityFeePerGas].reduce((a, b) => (a > b ? a : b));
    const account = anchorAccount();
    const signed = await anchorWalletClient().signTransaction({ account, chain: client.chain, to: previous.to!, data: previous.data!, nonce: previous.nonce!, gas: previous.gas!, maxFeePerGas, maxPriorityFeePerGas, type: "eip1559" });
    const txHash = keccak256(signed);
    const attempt: Attempt = { hash: txHash, maxFeePerGas: maxFeePerGas.toString(), signedAt: new Date().toISOString() };
    await tx.chainTransaction.update({
      where: { id: transactionId },
      data: { txHash, rawTx: signed, maxFeePerGas: attempt.maxFeePerGas, sentAt: new Date(), attempts: [...row.attempts, attempt] as unknown as Prisma.InputJsonValue },
    });
    await tx.anchor.updateMany({ where: { transactionId, state: "SENT" }, data: { txHash } });
    return signed;
  });
  if (!rawTx) return false;
  try {
    await client.sendRawTransaction({ serializedTransaction: rawTx });
  } catch (error) {
    if (!isAlreadyKnown(error)) throw error;
  }
  return true;
}
