/**
 * MedAnchor roles and document anchors through viem against the integration stack's anvil. Every describe
 * deploys its own contract from freshly funded random accounts, so no test depends on another's state.
 */
import { commitmentHead } from "../document-record";
import { beforeAll, describe, expect, it } from "vitest";
import { zeroHash, type Address, type Hex, type PrivateKeyAccount } from "viem";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import {
  ANCHORER_ROLE,
  DEFAULT_ADMIN_ROLE,
  blockTimestamp,
  deployMedAnchor,
  eventsOf,
  fundedAccount,
  publicClient,
  randomBytes32,
  revertOf,
  testClient,
  write,
  type WriteArgs,
  type WriteName,
} from "./support";

/** What the contract stores for a document: the commitment's first 24 bytes and the time (one slot). */
async function readDocument(address: Address, id: Hex) {
  const [commitment, anchoredAt] = await publicClient.readContract({ address, abi: medAnchorAbi, functionName: "getDocument", args: [id] });
  return { commitment, anchoredAt };
}

const head = commitmentHead;

describe("MedAnchor roles", () => {
  let admin: PrivateKeyAccount;
  let anchorer: PrivateKeyAccount;
  let outsider: PrivateKeyAccount;
  let address: Address;

  beforeAll(async () => {
    [admin, anchorer, outsider] = await Promise.all([fundedAccount(), fundedAccount(), fundedAccount()]);
    ({ address } = await deployMedAnchor(admin, admin.address, anchorer.address));
  });

  const hasRole = (role: Hex, account: Address) => publicClient.readContract({ address, abi: medAnchorAbi, functionName: "hasRole", args: [role, account] });

  it("grants DEFAULT_ADMIN_ROLE to the admin and ANCHORER_ROLE to the anchorer, and nothing else", async () => {
    expect(await publicClient.readContract({ address, abi: medAnchorAbi, functionName: "ANCHORER_ROLE" })).toBe(ANCHORER_ROLE);
    expect(await hasRole(DEFAULT_ADMIN_ROLE, admin.address)).toBe(true);
    expect(await hasRole(ANCHORER_ROLE, anchorer.address)).toBe(true);
    expect(await hasRole(ANCHORER_ROLE, admin.address)).toBe(false);
    expect(await hasRole(DEFAULT_ADMIN_ROLE, anchorer.address)).toBe(false);
  });

  const writes = (): { [N in WriteName]?: WriteArgs<N> } => {
    const [id, commitment] = [randomBytes32(), randomBytes32()];
    return {
      anchorDocument: [id, commitment],
      anchorBatch: [commitment, 2],
      setGrant: [id, commitment, 1n, 2n],
      revokeGrant: [id],
      attestDoctor: [id, commitment, 1n],
      revokeAttestation: [id],
    };
  };

  it.each(Object.keys(writes()) as WriteName[])("rejects %s from an account without ANCHORER_ROLE with AccessControlUnauthorizedAccount", async (functionName) => {
    const args = writes()[functionName]!;
    expect(await revertOf(address, outsider.address, functionName, args)).toEqual({ errorName: "AccessControlUnauthorizedAccount", args: [outsider.address, ANCHORER_ROLE] });
  });

  it("rejects the admin too: administering roles is not anchoring", async () => {
    expect(await revertOf(address, admin.address, "anchorDocument", [randomBytes32(), randomBytes32()])).toEqual({
      errorName: "AccessControlUnauthorizedAccount",
      args: [admin.address, ANCHORER_ROLE],
    });
  });

  it("lets the admin grant ANCHORER_ROLE to a second worker key, which can then anchor", async () => {
    const second = await fundedAccount();
    await write(address, admin, "grantRole", [ANCHORER_ROLE, second.address]);
    const receipt = await write(address, second, "anchorDocument", [randomBytes32(), randomBytes32()]);
    expect(eventsOf(receipt, "DocumentAnchored")).toHaveLength(1);
  });
});

describe("MedAnchor document anchors", () => {
  let anchorer: PrivateKeyAccount;
  let address: Address;

  beforeAll(async () => {
    anchorer = await fundedAccount();
    ({ address } = await deployMedAnchor(anchorer, anchorer.address, anchorer.address));
  });

  it("rejects a zero commitment with MedAnchorEmptyCommitment(id)", async () => {
    const id = randomBytes32();
    expect(await revertOf(address, anchorer.address, "anchorDocument", [id, zeroHash])).toEqual({ errorName: "MedAnchorEmptyCommitment", args: [id] });
  });

  it("stores a first anchor and emits DocumentAnchored with the block timestamp", async () => {
    const [id, commitment] = [randomBytes32(), randomBytes32()];
    expect(await readDocument(address, id)).toEqual({ commitment: head(zeroHash), anchoredAt: 0n });
    expect(await publicClient.readContract({ address, abi: medAnchorAbi, functionName: "documentMatches", args: [id, commitment] })).toEqual([false, 0n]);

    const receipt = await write(address, anchorer, "anchorDocument", [id, commitment]);
    const timestamp = await blockTimestamp(receipt);
    const events = eventsOf(receipt, "DocumentAnchored");
    expect(events).toHaveLength(1);
    expect(events[0]!.address.toLowerCase()).toBe(address.toLowerCase());
    expect(events[0]!.args).toEqual({ id, commitment, anchoredAt: timestamp });
    expect(await readDocument(address, id)).toEqual({ commitment: head(commitment), anchoredAt: timestamp });
    expect(await publicClient.readContract({ address, abi: medAnchorAbi, functionName: "documentMatches", args: [id, commitment] })).toEqual([true, timestamp]);
    expect(await publicClient.readContract({ address, abi: medAnchorAbi, functionName: "documentMatches", args: [id, randomBytes32()] })).toEqual([false, timestamp]);
  });

  it("treats the same id and commitment again as a no-op: success, no event, anchoredAt unchanged", async () => {
    const [id, commitment] = [randomBytes32(), randomBytes32()];
    await write(address, anchorer, "anchorDocument", [id, commitment]);
    const first = await readDocument(address, id);
    // Move chain time on, so an overwrite of anchoredAt would be visible.
    await testClient.increaseTime({ seconds: 60 });

    const retry = await write(address, anchorer, "anchorDocument", [id, commitment]);
    expect(await blockTimestamp(retry)).toBeGreaterThan(first.anchoredAt);
    expect(retry.logs).toEqual([]);
    expect(await readDocument(address, id)).toEqual(first);
  });

  it("rejects a different commitment under an anchored id with MedAnchorCommitmentMismatch(id, existing, attempted)", async () => {
    const [id, existing, attempted] = [randomBytes32(), randomBytes32(), randomBytes32()];
    await write(address, anchorer, "anchorDocument", [id, existing]);
    expect(await revertOf(address, anchorer.address, "anchorDocument", [id, attempted])).toEqual({ errorName: "MedAnchorCommitmentMismatch", args: [id, `${head(existing)}${"0".repeat(16)}`, attempted] });
    expect((await readDocument(address, id)).commitment).toBe(head(existing));
  });
});
