import "server-only";
import type { Hex } from "viem";
import { chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import { db } from "@/lib/db/client";
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
};

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
