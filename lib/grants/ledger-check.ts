import "server-only";
import type { Hex } from "viem";
import { chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/observability/logger";
import { describeError } from "@/lib/worker/log";
import { fail, type ServiceError } from "@/lib/result";

/** The chain could not be read: doctors' access fails closed. */
export class LedgerUnavailable extends Error {
  constructor(cause?: unknown) {
    super("The ledger cannot be reached to confirm access.", { cause });
    this.name = "LedgerUnavailable";
  }
}

export const LEDGER_UNAVAILABLE_MESSAGE = "We cannot reach the ledger to confirm your access to these records right now. Please try again in a minute.";

/** The contract reads behind grant checks; an object so tests can make the chain "unreachable". */
export const ledger = {
  async blockNumber(): Promise<bigint> {
    // No client-side cache: the per-block cache below must key on the real head.
    return chainPublicClient().getBlockNumber({ cacheTime: 0 });
  },
  async isGrantActive(anchorId: Hex): Promise<boolean> {
    return chainPublicClient().readContract({ address: contractAddress(), abi: medAnchorAbi, functionName: "isGrantActive", args: [anchorId] });
  },
  /** The grant's window as stored on chain, beside the time of `block`: for explaining an unexpected "inactive". */
  async grantTiming(anchorId: Hex, block: bigint): Promise<{ notBefore: bigint; notAfter: bigint; setAt: bigint; state: number; blockTimestamp: bigint }> {
    const client = chainPublicClient();
    const [[grant, state], header] = await Promise.all([
      client.readContract({ address: contractAddress(), abi: medAnchorAbi, functionName: "getGrant", args: [anchorId], blockNumber: block }),
      client.getBlock({ blockNumber: block }),
    ]);
    return { notBefore: BigInt(grant.notBefore), notAfter: BigInt(grant.notAfter), setAt: BigInt(grant.setAt), state: Number(state), blockTimestamp: header.timestamp };
  },
};

/**
 * A grant that is ACTIVE and inside its window in Postgres, confirmed on chain, and yet not active there
 * should not happen; one end-to-end run saw it for every grant (see the stop note of 2026-12-02). This
 * warn line (ids and times only) says which of the chain's window, revocation or block time disagreed.
 */
async function reportInactiveGrant(anchorId: string, block: bigint): Promise<void> {
  try {
    const timing = await ledger.grantTiming(anchorId as Hex, block);
    logger.warn({ event: "grant.inactive_on_chain", anchorId, block: String(block), blockTimestamp: String(timing.blockTimestamp), notBefore: String(timing.notBefore), notAfter: String(timing.notAfter), setAt: String(timing.setAt), state: timing.state });
  } catch (error) {
    logger.warn({ event: "grant.inactive_on_chain", anchorId, block: String(block), error: describeError(error) });
  }
}

/** One read per grant per block is enough: the answer cannot change within a block. */
const cache = new Map<string, { block: bigint; active: boolean }>();

/**
 * Of these grants, the ones whose anchor is confirmed and that the contract reports active right now.
 * A grant the chain does not (yet, or any more) hold is not open, whatever its row says. Throws
 * LedgerUnavailable when the chain cannot be read.
 */
export async function grantsActiveOnChain(grantIds: string[]): Promise<Set<string>> {
  if (grantIds.length === 0) return new Set();
  const anchors = await db().anchor.findMany({ where: { kind: "GRANT", action: "RECORD", state: "CONFIRMED", subjectId: { in: grantIds } }, select: { subjectId: true, anchorId: true } });
  if (anchors.length === 0) return new Set();
  try {
    const block = await ledger.blockNumber();
    const active = new Set<string>();
    for (const anchor of anchors) {
      const cached = cache.get(anchor.anchorId);
      const isActive = cached?.block === block ? cached.active : await ledger.isGrantActive(anchor.anchorId as Hex);
      if (!isActive && cached?.block !== block) await reportInactiveGrant(anchor.anchorId, block);
      cache.set(anchor.anchorId, { block, active: isActive });
      if (isActive) active.add(anchor.subjectId);
    }
    if (cache.size > 10_000) cache.clear();
    return active;
  } catch (error) {
    throw new LedgerUnavailable(error);
  }
}

/** Runs a grant check, turning an unreachable chain into the UNAVAILABLE failure services return. */
export async function withLedger<T>(check: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: ServiceError }> {
  try {
    return { ok: true, value: await check() };
  } catch (error) {
    if (error instanceof LedgerUnavailable) return fail("UNAVAILABLE", LEDGER_UNAVAILABLE_MESSAGE);
    throw error;
  }
}
