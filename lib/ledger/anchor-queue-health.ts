import "server-only";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { contractAddress } from "@/lib/chain/clients";
import { ok, type Result } from "@/lib/result";
import { anchoringAccount, readChainStatus } from "./chain-reader";
import type { AnchorQueueHealthDto, ChainStatusDto } from "./dtos";
import { anchorCountsByState, anchorLag, countTransactionsInFlight, latestFailedAnchors } from "./ledger-repository";

/** How many of the latest confirmed rows the lag percentiles are computed over. */
export const LAG_SAMPLE = 1000;
const FAILED_SHOWN = 20;

function reason(error: unknown): string {
  const message = error instanceof Error ? (error as { shortMessage?: string }).shortMessage ?? error.message : String(error);
  // Never a URL (it may carry credentials of a hosted node).
  return message.split("\n")[0]!.replace(/\b\w+:\/\/[^\s]+/g, "<url>").slice(0, 160);
}

async function chainStatus(): Promise<ChainStatusDto> {
  const account = anchoringAccount();
  const address = contractAddress();
  try {
    const status = await readChainStatus(account);
    return { status: "up", chainId: status.chainId, blockNumber: status.blockNumber.toString(), latestBlockTime: status.latestBlockTime, contractAddress: address, anchoringAccount: account, balanceWei: status.balanceWei.toString() };
  } catch (error) {
    return { status: "down", contractAddress: address, anchoringAccount: account, error: reason(error) };
  }
}

/**
 * For administrators: how the anchoring outbox is doing (rows by state, the oldest waiting row, commit
 * to confirmation lag, transactions in flight, the latest failures) and the chain it writes to (head,
 * latest block time, the anchoring account's balance). A chain that cannot be read is reported, not thrown.
 */
export async function anchorQueueHealth(actor: Actor | null, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<AnchorQueueHealthDto>> {
  const auth = await authorize(actor, "audit.read", { type: "anchor_queue" }, context);
  if (!auth.ok) return auth;
  const [states, lag, transactionsInFlight, failed, chain] = await Promise.all([anchorCountsByState(), anchorLag(LAG_SAMPLE), countTransactionsInFlight(), latestFailedAnchors(FAILED_SHOWN), chainStatus()]);
  const checkedAt = new Date();
  return ok({
    counts: states.counts,
    retrying: states.retrying,
    oldestPendingAt: states.oldestPendingAt,
    oldestPendingAgeMs: states.oldestPendingAt ? Math.max(0, checkedAt.getTime() - states.oldestPendingAt.getTime()) : null,
    lagP50Ms: lag.p50,
    lagP95Ms: lag.p95,
    lagSampleSize: lag.n,
    transactionsInFlight,
    failed,
    chain,
    checkedAt,
  });
}
