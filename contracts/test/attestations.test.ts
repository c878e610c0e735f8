/**
 * MedAnchor doctor attestations: attest, revoke, validity until `validUntil` exclusive checked at the exact
 * second, idempotency and every revert with its arguments.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { zeroHash, type Address, type Hex, type PrivateKeyAccount } from "viem";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import { AttestationState, deployMedAnchor, eventsOf, fundedAccount, latestTimestamp, mineAt, publicClient, randomBytes32, revertOf, setNextTimestamp, write } from "./support";

describe("MedAnchor doctor attestations", () => {
  let anchorer: PrivateKeyAccount;
  let address: Address;

  beforeAll(async () => {
    anchorer = await fundedAccount();
    ({ address } = await deployMedAnchor(anchorer, anchorer.address, anchorer.address));
  });

  const readAttestation = async (id: Hex, blockNumber?: bigint) => {
    const [attestation, state] = await publicClient.readContract({ address, abi: medAnchorAbi, functionName: "getAttestation", args: [id], blockNumber });
    const valid = await publicClient.readContract({ address, abi: medAnchorAbi, functionName: "isAttestationValid", args: [id], blockNumber });
    return { attestation, state, valid };
  };

  /** An attestation valid for 100 s, recorded in a block at now + 10 s. */
  async function attestFresh() {
    const now = await latestTimestamp();
    const [id, commitment, validUntil, attestedAt] = [randomBytes32(), randomBytes32(), now + 110n, now + 10n];
    await setNextTimestamp(attestedAt);
    const receipt = await write(address, anchorer, "attestDoctor", [id, commitment, validUntil]);
    return { id, commitment, validUntil, attestedAt, receipt };
  }

  it("reads an unknown attestation as all zero, Unknown and invalid", async () => {
    expect(await readAttestation(randomBytes32())).toEqual({
      attestation: { commitment: zeroHash, validUntil: 0n, attestedAt: 0n, revokedAt: 0n },
      state: AttestationState.Unknown,
      valid: false,
    });
  });

  it("stores an attestation, emits DoctorAttested, and is valid until validUntil exclusive", async () => {
    const { id, commitment, validUntil, attestedAt, receipt } = await attestFresh();
    expect(eventsOf(receipt, "DoctorAttested").map((e) => e.args)).toEqual([{ id, commitment, validUntil, attestedAt }]);
    expect(await readAttestation(id, receipt.blockNumber)).toEqual({ attestation: { commitment, validUntil, attestedAt, revokedAt: 0n }, state: AttestationState.Valid, valid: true });
    expect(await readAttestation(id, await mineAt(validUntil - 1n))).toMatchObject({ state: AttestationState.Valid, valid: true });
    expect(await readAttestation(id, await mineAt(validUntil))).toMatchObject({ state: AttestationState.Expired, valid: false });
  });

  it("treats the same call again as a no-op and rejects other terms with MedAnchorAttestationMismatch(id)", async () => {
    const { id, commitment, validUntil } = await attestFresh();
    const retry = await write(address, anchorer, "attestDoctor", [id, commitment, validUntil]);
    expect(retry.logs).toEqual([]);
    const mismatch = { errorName: "MedAnchorAttestationMismatch", args: [id] };
    expect(await revertOf(address, anchorer.address, "attestDoctor", [id, randomBytes32(), validUntil])).toEqual(mismatch);
    expect(await revertOf(address, anchorer.address, "attestDoctor", [id, commitment, validUntil + 1n])).toEqual(mismatch);
  });

  it("rejects a zero commitment or a zero validUntil with their custom errors", async () => {
    const id = randomBytes32();
    expect(await revertOf(address, anchorer.address, "attestDoctor", [id, zeroHash, 1n])).toEqual({ errorName: "MedAnchorEmptyCommitment", args: [id] });
    expect(await revertOf(address, anchorer.address, "attestDoctor", [id, randomBytes32(), 0n])).toEqual({ errorName: "MedAnchorInvalidValidity", args: [id, 0n] });
  });

  it("revokes for good: AttestationRevoked, invalid before validUntil, revoking again is a no-op, re-attesting reverts", async () => {
    const { id, commitment, validUntil } = await attestFresh();
    const receipt = await write(address, anchorer, "revokeAttestation", [id]);
    const { args } = eventsOf(receipt, "AttestationRevoked")[0]!;
    expect(args.id).toBe(id);
    expect(await readAttestation(id, receipt.blockNumber)).toMatchObject({ attestation: { revokedAt: args.revokedAt }, state: AttestationState.Revoked, valid: false });

    expect((await write(address, anchorer, "revokeAttestation", [id])).logs).toEqual([]);
    expect(await revertOf(address, anchorer.address, "attestDoctor", [id, commitment, validUntil])).toEqual({ errorName: "MedAnchorAttestationRevoked", args: [id, args.revokedAt] });
  });

  it("rejects revoking an attestation never recorded with MedAnchorAttestationNotFound(id)", async () => {
    const id = randomBytes32();
    expect(await revertOf(address, anchorer.address, "revokeAttestation", [id])).toEqual({ errorName: "MedAnchorAttestationNotFound", args: [id] });
  });
});
