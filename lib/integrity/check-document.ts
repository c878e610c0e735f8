import "server-only";
import { createHash } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import type { Hex } from "viem";
import { batchLeaf } from "@/contracts/merkle";
import { anchorCommitment } from "@/lib/anchors/commitment";
import { chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import { documentEnv } from "@/lib/env";
import { decryptStream, unwrapDataKey } from "@/lib/storage/envelope-encryption";
import { getObjectStream } from "@/lib/storage/object-storage";

export interface IntegrityInput {
  storageKey: string;
  wrappedKey: string;
  sha256: string | null;
  anchor: { state: string; anchorId: string; salt: string; commitment: string; batchRoot: string | null; proof: unknown } | null;
}

/** Null when the object, the row and (once anchored) the chain agree; otherwise what disagrees, in words. */
export async function integrityProblem(document: IntegrityInput): Promise<string | null> {
  const object = await getObjectStream(document.storageKey);
  if (!object) return "The stored file is missing from storage.";
  const hash = createHash("sha256");
  try {
    await pipeline(
      object,
      decryptStream(unwrapDataKey(document.wrappedKey, documentEnv().masterKey)),
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          callback();
        },
      }),
    );
  } catch {
    return "The stored file was altered: it no longer decrypts (its authentication tag does not verify).";
  }
  const actual = hash.digest("hex");
  if (actual !== document.sha256) return "The stored file's SHA-256 differs from the fingerprint recorded for it.";
  const anchor = document.anchor;
  if (!anchor || anchor.state !== "CONFIRMED") return null;
  if (anchorCommitment(actual, anchor.salt) !== anchor.commitment) return "The recorded fingerprint does not match the commitment that was anchored.";
  return chainProblem(anchor);
}

async function chainProblem(anchor: NonNullable<IntegrityInput["anchor"]>): Promise<string | null> {
  const client = chainPublicClient();
  if (anchor.batchRoot) {
    const included = await client.readContract({ address: contractAddress(), abi: medAnchorAbi, functionName: "verifyBatchInclusion", args: [anchor.batchRoot as Hex, batchLeaf(anchor.anchorId as Hex, anchor.commitment as Hex), (anchor.proof ?? []) as Hex[]] });
    return included ? null : "The chain's batch does not contain this document's commitment.";
  }
  const [matches] = await client.readContract({ address: contractAddress(), abi: medAnchorAbi, functionName: "documentMatches", args: [anchor.anchorId as Hex, anchor.commitment as Hex] });
  return matches ? null : "The chain holds a different commitment for this document.";
}
