/**
 * MedAnchor Merkle batches: anchorBatch's idempotency, reverts and event, and proof that the trees built by
 * contracts/merkle.ts verify on chain with verifyBatchInclusion (and that the leaf encodings agree).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { zeroHash, type Address, type Hex, type PrivateKeyAccount } from "viem";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import { batchLeaf, buildBatch, verifyBatchProof, type BatchEntry } from "../merkle";
import { blockTimestamp, deployMedAnchor, eventsOf, fundedAccount, publicClient, randomBytes32, revertOf, testClient, write } from "./support";

const entries = (n: number): BatchEntry[] => Array.from({ length: n }, () => ({ id: randomBytes32(), commitment: randomBytes32() }));

describe("MedAnchor batch anchors", () => {
  let anchorer: PrivateKeyAccount;
  let address: Address;

  beforeAll(async () => {
    anchorer = await fundedAccount();
    ({ address } = await deployMedAnchor(anchorer, anchorer.address, anchorer.address));
  });

  const readBatch = async (root: Hex) => {
    const [count, anchoredAt] = await publicClient.readContract({ address, abi: medAnchorAbi, functionName: "getBatch", args: [root] });
    return { count, anchoredAt };
  };

  it("stores root → count and block time, emits BatchAnchored, and treats the same root and count again as a no-op", async () => {
    const root = randomBytes32();
    expect(await readBatch(root)).toEqual({ count: 0, anchoredAt: 0n });
    const receipt = await write(address, anchorer, "anchorBatch", [root, 3]);
    const anchoredAt = await blockTimestamp(receipt);
    expect(eventsOf(receipt, "BatchAnchored").map((e) => e.args)).toEqual([{ root, count: 3, anchoredAt }]);
    expect(await readBatch(root)).toEqual({ count: 3, anchoredAt });

    await testClient.increaseTime({ seconds: 30 });
    const retry = await write(address, anchorer, "anchorBatch", [root, 3]);
    expect(retry.logs).toEqual([]);
    expect(await readBatch(root)).toEqual({ count: 3, anchoredAt });
  });

  it("rejects the same root with another count with MedAnchorBatchMismatch(root, existing, attempted)", async () => {
    const root = randomBytes32();
    await write(address, anchorer, "anchorBatch", [root, 4]);
    expect(await revertOf(address, anchorer.address, "anchorBatch", [root, 5])).toEqual({ errorName: "MedAnchorBatchMismatch", args: [root, 4, 5] });
  });

  it("rejects a zero root or an empty batch with MedAnchorInvalidBatch(root, count)", async () => {
    const root = randomBytes32();
    expect(await revertOf(address, anchorer.address, "anchorBatch", [zeroHash, 1])).toEqual({ errorName: "MedAnchorInvalidBatch", args: [zeroHash, 1] });
    expect(await revertOf(address, anchorer.address, "anchorBatch", [root, 0])).toEqual({ errorName: "MedAnchorInvalidBatch", args: [root, 0] });
  });

  it("computes batchLeaf exactly as contracts/merkle.ts does", async () => {
    for (const { id, commitment } of entries(4)) {
      expect(await publicClient.readContract({ address, abi: medAnchorAbi, functionName: "batchLeaf", args: [id, commitment] })).toBe(batchLeaf(id, commitment));
    }
  });

  it.each([1, 2, 7, 256])("verifies on chain every proof of a %i-document batch built in TypeScript", async (size) => {
    const batchEntries = entries(size);
    const batch = buildBatch(batchEntries);
    expect(batch.count).toBe(size);
    const verify = (leaf: Hex, proof: readonly Hex[]) =>
      publicClient.readContract({ address, abi: medAnchorAbi, functionName: "verifyBatchInclusion", args: [batch.root, leaf, proof] });

    expect(await verify(batch.leaves[0]!, batch.proofs[0]!)).toBe(false);
    await write(address, anchorer, "anchorBatch", [batch.root, size]);

    const results = await Promise.all(batchEntries.map((entry, i) => verify(batchLeaf(entry.id, entry.commitment), batch.proofs[i]!)));
    expect(results.every(Boolean)).toBe(true);
    expect(batch.proofs.every((proof, i) => verifyBatchProof(batch.root, batch.leaves[i]!, proof))).toBe(true);
    // A leaf from outside the batch, and a real leaf with another document's commitment, are both rejected.
    expect(await verify(batchLeaf(randomBytes32(), randomBytes32()), batch.proofs[0]!)).toBe(false);
    expect(await verify(batchLeaf(batchEntries[0]!.id, randomBytes32()), batch.proofs[0]!)).toBe(false);
  });

  it("gives the same root whatever the order of the entries", () => {
    const batchEntries = entries(9);
    expect(buildBatch([...batchEntries].reverse()).root).toBe(buildBatch(batchEntries).root);
  });

  it("refuses an empty or duplicated batch", () => {
    const [entry] = entries(1);
    expect(() => buildBatch([])).toThrow(/at least one entry/);
    expect(() => buildBatch([entry!, entry!])).toThrow(/duplicate/);
  });
});
