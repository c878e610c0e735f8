/**
 * Merkle batches for `MedAnchor.anchorBatch`, built exactly as the contract verifies them
 * (`verifyBatchInclusion`, OpenZeppelin `MerkleProof`):
 *
 * - leaf = keccak256(bytes.concat(keccak256(abi.encode(bytes32 id, bytes32 commitment)))), the contract's
 *   `batchLeaf(id, commitment)`. Hashing twice keeps an inner node (64 bytes) from passing as a leaf.
 * - inner node = keccak256 of the two children concatenated smaller first (OpenZeppelin's commutative
 *   hash), so a proof is only the sibling hashes from the leaf up, with no left/right flags.
 * - the tree: leaves sorted ascending (the root depends only on the set, not on the order rows were
 *   claimed in), paired level by level; an odd last node moves up unpaired. One leaf: root = leaf, proof [].
 *
 * A batch's receipt for one document therefore needs `root`, `id`, `commitment` and `proof`.
 */
import { concat, encodeAbiParameters, hexToBigInt, keccak256, type Hex } from "viem";

export interface BatchEntry {
  id: Hex;
  commitment: Hex;
}

export interface MerkleBatch {
  root: Hex;
  count: number;
  /** Leaves in the input order. */
  leaves: Hex[];
  /** `proofs[i]` proves `entries[i]` (input order). */
  proofs: Hex[][];
}

/** The contract's `batchLeaf(id, commitment)`. */
export function batchLeaf(id: Hex, commitment: Hex): Hex {
  return keccak256(keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "bytes32" }], [id, commitment])));
}

/** OpenZeppelin `Hashes.commutativeKeccak256`: keccak256(min(a, b) ‖ max(a, b)). */
export function hashPair(a: Hex, b: Hex): Hex {
  return hexToBigInt(a) < hexToBigInt(b) ? keccak256(concat([a, b])) : keccak256(concat([b, a]));
}

const compareHex = (a: Hex, b: Hex) => (hexToBigInt(a) < hexToBigInt(b) ? -1 : hexToBigInt(a) > hexToBigInt(b) ? 1 : 0);

/** Builds the root and one proof per entry. Entries must be distinct (ids are unique per document). */
export function buildBatch(entries: readonly BatchEntry[]): MerkleBatch {
  if (entries.length === 0) throw new Error("buildBatch: a batch needs at least one entry");
  const leaves = entries.map((entry) => batchLeaf(entry.id, entry.commitment));
  const sorted = [...leaves].sort(compareHex);
  if (sorted.some((leaf, i) => i > 0 && leaf === sorted[i - 1])) throw new Error("buildBatch: duplicate entry");

  const levels: Hex[][] = [sorted];
  for (let level = sorted; level.length > 1; ) {
    const next: Hex[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? hashPair(level[i]!, level[i + 1]!) : level[i]!);
    levels.push(next);
    level = next;
  }
  const root = levels.at(-1)![0]!;

  const position = new Map(sorted.map((leaf, i) => [leaf, i]));
  const proofs = leaves.map((leaf) => {
    const proof: Hex[] = [];
    let index = position.get(leaf)!;
    for (const level of levels.slice(0, -1)) {
      const sibling = index ^ 1;
      if (sibling < level.length) proof.push(level[sibling]!);
      index >>= 1;
    }
    return proof;
  });
  return { root, count: entries.length, leaves, proofs };
}

/** Off-chain twin of `verifyBatchInclusion` (without the "root is anchored" check). */
export function verifyBatchProof(root: Hex, leaf: Hex, proof: readonly Hex[]): boolean {
  return proof.reduce(hashPair, leaf) === root;
}
