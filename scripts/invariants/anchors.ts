import "server-only";
import { decodeFunctionData, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import { db } from "@/lib/db/client";
import { serverEnv } from "@/lib/env";
import { chainProblem } from "@/lib/integrity/check-document";
import { ledgerClient, ledgerKey, readChainLedger } from "../test-support/anchor-ledger";
import type { InvariantScope, Violation } from "./violations";

const confirmedRows = (since: Date) =>
  db().anchor.findMany({
    where: { state: "CONFIRMED", createdAt: { gte: since } },
    select: { id: true, kind: true, action: true, state: true, anchorId: true, salt: true, commitment: true, batchRoot: true, proof: true, txHash: true, blockNumber: true },
  });

/**
 * Every CONFIRMED row names a successful transaction, mined in the block it records, whose call carries
 * the row's id (or batch root); a document's commitment is read back from the contract as the integrity
 * scrub reads it. EXPIRE rows need no transaction (the chain stores the window itself).
 */
export async function confirmedAnchorsMatchChain({ since }: InvariantScope): Promise<Violation[]> {
  const client = chainPublicClient();
  const violations: Violation[] = [];
  const violation = (subject: string, detail: string) => violations.push({ invariant: "anchor-matches-chain", subject, detail });
  for (const row of await confirmedRows(since)) {
    if (!row.txHash) {
      if (row.action !== "EXPIRE") violation(row.id, "CONFIRMED without a transaction.");
      continue;
    }
    const receipt = await client.getTransactionReceipt({ hash: row.txHash as Hex }).catch(() => null);
    if (!receipt || receipt.status !== "success") {
      violation(row.id, receipt ? "Its transaction reverted." : "Its transaction is not on chain.");
      continue;
    }
    if (receipt.blockNumber !== row.blockNumber) violation(row.id, `Mined in block ${receipt.blockNumber}, recorded as ${row.blockNumber}.`);
    const { input } = await client.getTransaction({ hash: row.txHash as Hex });
    const { args } = decodeFunctionData({ abi: medAnchorAbi, data: input });
    const key = String((args as readonly unknown[])[0]).toLowerCase();
    if (key !== ledgerKey({ anchorId: row.anchorId as Hex, batchRoot: row.batchRoot as Hex | null }).toLowerCase()) violation(row.id, "Its transaction anchors another id.");
    if ((row.kind === "DOCUMENT" || row.kind === "AUDIT_HEAD") && row.action === "RECORD") {
      const problem = await chainProblem(row);
      if (problem) violation(row.id, problem);
    }
  }
  return violations;
}

/**
 * The same id (or batch root) carried by more than one mined call of the same method: the contract
 * treats a repeat as a no-op, so only the transactions themselves show that the worker sent twice.
 */
export async function duplicateAnchorTransactions({ since }: InvariantScope): Promise<Violation[]> {
  const { chain } = serverEnv();
  const ledger = await readChainLedger(ledgerClient(chain.rpcUrl, chain.chainId), contractAddress(), privateKeyToAccount(chain.anchorPrivateKey).address);
  const keys = new Set((await confirmedRows(since)).map((row) => ledgerKey({ anchorId: row.anchorId as Hex, batchRoot: row.batchRoot as Hex | null })));
  const violations: Violation[] = [];
  for (const key of keys) {
    const perMethod = new Map<string, number>();
    for (const tx of ledger.transactionsByKey.get(key) ?? []) perMethod.set(tx.method, (perMethod.get(tx.method) ?? 0) + 1);
    for (const [method, count] of perMethod) {
      if (count > 1) violations.push({ invariant: "duplicate-anchor-transaction", subject: key, detail: `${count} mined ${method} transactions.` });
    }
  }
  return violations;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until every outbox row of the scope is CONFIRMED; what is still not after `timeoutMs` (or has
 * FAILED for good) is a violation. Postgres may still be coming back: a failed poll is just retried.
 */
export async function waitForOutboxConfirmed({ since }: InvariantScope, timeoutMs: number): Promise<Violation[]> {
  const deadline = Date.now() + timeoutMs;
  let waiting: { id: string; state: string; lastError: string | null }[] = [];
  for (;;) {
    try {
      waiting = await db().anchor.findMany({ where: { createdAt: { gte: since }, state: { not: "CONFIRMED" } }, select: { id: true, state: true, lastError: true } });
      if (waiting.length === 0 || waiting.every((row) => row.state === "FAILED")) break;
    } catch {
      // Postgres not reachable yet: keep polling until the deadline.
    }
    if (Date.now() > deadline) break;
    await sleep(250);
  }
  return waiting.map((row) => ({ invariant: "outbox-confirmed", subject: row.id, detail: `${row.state} after ${timeoutMs / 1000} s${row.lastError ? `: ${row.lastError}` : ""}` }));
}
