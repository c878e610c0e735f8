import "server-only";
import type { Hex } from "viem";
import { batchLeaf } from "@/contracts/merkle";
import { anchorCommitment } from "@/lib/anchors/commitment";
import { chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import { hashStoredObject } from "@/lib/documents/stored-object-hash";

export interface IntegrityInput {
  storageKey: string;
  wrappedKey: string;
  sha256: string | null;
  anchor: { state: string; anchorId: string; salt: string; commitment: string; batchRoot: string | null; proof: unknown } | null;
}

/** Null when the object, the row and (once anchored) the chain agree; otherwise what disagrees, in words. */
export async function integrityProblem(document: IntegrityInput): Promise<string | null> {
  const stored = await hashStoredObject(document.storageKey, document.wrappedKey);
  if ("problem" in stored) return stored.problem;
  const actual = stored.sha256;
  if (actual !== document.sha256) return "The stored file's SHA-256 differs from the fingerprint recorded for it.";
  const anchor = document.anchor;
  if (!anchor || anchor.state !== "CONFIRMED") return null;
  if (anchorCommitment(actual, anchor.salt) !== anchor.commitment) return "The recorded fingerprint does not match the commitment that was anchored.";
  return chainProblem(anchor);
}

/** Null when the chain holds this anchored document's commitment (alone, or in its batch); also used by scripts/check-invariants.ts. */
export async function chainProblem(anchor: NonNullable<IntegrityInput["anchor"]>): Promise<string | null> {
  const client = chainPublicClient();
  if (anchor.batchRoot) {
    const included = await client.readContract({ address: contractAddress(), abi: medAnchorAbi, functionName: "verifyBatchInclusion", args: [anchor.batchRoot as Hex, batchLeaf(anchor.anchorId as Hex, anchor.commitment as Hex), (anchor.proof ?? []) as Hex[]] });
    return included ? null : "The chain's batch does not contain this document's commitment.";
  }
  const [matches] = await client.readContract({ address: contractAddress(), abi: medAnchorAbi, functionName: "documentMatches", args: [anchor.anchorId as Hex, anchor.commitment as Hex] });
  return matches ? null : "The chain holds a different commitment for this document.";
}
