/**
 * MedAnchor access grants: set, revoke, the half-open window [notBefore, notAfter) checked at the exact
 * boundary seconds (blocks mined at chosen timestamps), idempotency and every revert with its arguments.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { zeroHash, type Address, type Hex, type PrivateKeyAccount } from "viem";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import { GrantState, deployMedAnchor, eventsOf, fundedAccount, latestTimestamp, mineAt, publicClient, randomBytes32, revertOf, setNextTimestamp, write } from "./support";

describe("MedAnchor grants", () => {
  let anchorer: PrivateKeyAccount;
  let address: Address;

  beforeAll(async () => {
    anchorer = await fundedAccount();
    ({ address } = await deployMedAnchor(anchorer, anchorer.address, anchorer.address));
  });

  /** The grant, its state and isGrantActive as of one block (default: latest). */
  const readGrant = async (id: Hex, blockNumber?: bigint) => {
    const [grant, state] = await publicClient.readContract({ address, abi: medAnchorAbi, functionName: "getGrant", args: [id], blockNumber });
    const active = await publicClient.readContract({ address, abi: medAnchorAbi, functionName: "isGrantActive", args: [id], blockNumber });
    return { grant, state, active };
  };

  /** A grant whose window opens 100 s and closes 200 s after now, set in a block at now + 10 s. */
  async function setFreshGrant() {
    const now = await latestTimestamp();
    const [id, commitment, notBefore, notAfter, setAt] = [randomBytes32(), randomBytes32(), now + 100n, now + 200n, now + 10n];
    await setNextTimestamp(setAt);
    const receipt = await write(address, anchorer, "setGrant", [id, commitment, notBefore, notAfter]);
    return { id, commitment, notBefore, notAfter, setAt, receipt };
  }

  it("reads an unknown grant as all zero, Unknown and inactive", async () => {
    expect(await readGrant(randomBytes32())).toEqual({
      grant: { commitment: zeroHash, notBefore: 0n, notAfter: 0n, setAt: 0n, revokedAt: 0n },
      state: GrantState.Unknown,
      active: false,
    });
  });

  it("stores a grant and emits GrantSet with its window and block time", async () => {
    const { id, commitment, notBefore, notAfter, setAt, receipt } = await setFreshGrant();
    expect(eventsOf(receipt, "GrantSet").map((e) => e.args)).toEqual([{ id, commitment, notBefore, notAfter, setAt }]);
    expect((await readGrant(id, receipt.blockNumber)).grant).toEqual({ commitment, notBefore, notAfter, setAt, revokedAt: 0n });
  });

  it("is active from notBefore inclusive to notAfter exclusive, to the second", async () => {
    const { id, notBefore, notAfter } = await setFreshGrant();
    const at = async (timestamp: bigint) => {
      const { state, active } = await readGrant(id, await mineAt(timestamp));
      return { state, active };
    };
    expect(await at(notBefore - 1n)).toEqual({ state: GrantState.Scheduled, active: false });
    expect(await at(notBefore)).toEqual({ state: GrantState.Active, active: true });
    expect(await at(notAfter - 1n)).toEqual({ state: GrantState.Active, active: true });
    expect(await at(notAfter)).toEqual({ state: GrantState.Expired, active: false });
  });

  it("treats the same call again as a no-op: success, no event, record unchanged", async () => {
    const { id, commitment, notBefore, notAfter } = await setFreshGrant();
    const before = await readGrant(id);
    const retry = await write(address, anchorer, "setGrant", [id, commitment, notBefore, notAfter]);
    expect(retry.logs).toEqual([]);
    expect((await readGrant(id)).grant).toEqual(before.grant);
  });

  it("rejects another commitment or window for a set id with MedAnchorGrantMismatch(id)", async () => {
    const { id, commitment, notBefore, notAfter } = await setFreshGrant();
    const mismatch = { errorName: "MedAnchorGrantMismatch", args: [id] };
    expect(await revertOf(address, anchorer.address, "setGrant", [id, randomBytes32(), notBefore, notAfter])).toEqual(mismatch);
    expect(await revertOf(address, anchorer.address, "setGrant", [id, commitment, notBefore + 1n, notAfter])).toEqual(mismatch);
    expect(await revertOf(address, anchorer.address, "setGrant", [id, commitment, notBefore, notAfter + 1n])).toEqual(mismatch);
  });

  it("rejects an empty or inverted window with MedAnchorInvalidGrantWindow(id, notBefore, notAfter)", async () => {
    const id = randomBytes32();
    expect(await revertOf(address, anchorer.address, "setGrant", [id, randomBytes32(), 500n, 500n])).toEqual({ errorName: "MedAnchorInvalidGrantWindow", args: [id, 500n, 500n] });
    expect(await revertOf(address, anchorer.address, "setGrant", [id, randomBytes32(), 501n, 500n])).toEqual({ errorName: "MedAnchorInvalidGrantWindow", args: [id, 501n, 500n] });
  });

  it("rejects a zero commitment with MedAnchorEmptyCommitment(id)", async () => {
    const id = randomBytes32();
    expect(await revertOf(address, anchorer.address, "setGrant", [id, zeroHash, 1n, 2n])).toEqual({ errorName: "MedAnchorEmptyCommitment", args: [id] });
  });

  it("revokes inside the window: emits GrantRevoked, inactive at once and forever; revoking again is a no-op", async () => {
    const { id, notBefore, notAfter } = await setFreshGrant();
    await mineAt(notBefore);
    const revokedAt = notBefore + 10n;
    await setNextTimestamp(revokedAt);
    const receipt = await write(address, anchorer, "revokeGrant", [id]);
    expect(eventsOf(receipt, "GrantRevoked").map((e) => e.args)).toEqual([{ id, revokedAt }]);
    expect(await readGrant(id, receipt.blockNumber)).toMatchObject({ grant: { revokedAt }, state: GrantState.Revoked, active: false });

    const again = await write(address, anchorer, "revokeGrant", [id]);
    expect(again.logs).toEqual([]);
    expect(await readGrant(id, await mineAt(notAfter - 1n))).toMatchObject({ grant: { revokedAt }, state: GrantState.Revoked, active: false });
  });

  it("never sets a revoked grant again, not even with its original terms: MedAnchorGrantRevoked(id, revokedAt)", async () => {
    const { id, commitment, notBefore, notAfter } = await setFreshGrant();
    const receipt = await write(address, anchorer, "revokeGrant", [id]);
    const { args } = eventsOf(receipt, "GrantRevoked")[0]!;
    expect(await revertOf(address, anchorer.address, "setGrant", [id, commitment, notBefore, notAfter])).toEqual({ errorName: "MedAnchorGrantRevoked", args: [id, args.revokedAt] });
  });

  it("rejects revoking a grant never set with MedAnchorGrantNotFound(id)", async () => {
    const id = randomBytes32();
    expect(await revertOf(address, anchorer.address, "revokeGrant", [id])).toEqual({ errorName: "MedAnchorGrantNotFound", args: [id] });
  });
});
