/**
 * MedAnchor behaviour through viem against the integration stack's anvil. Every describe deploys its own
 * contract from freshly funded random accounts, so no test depends on another's state.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  keccak256,
  parseEventLogs,
  toBytes,
  zeroHash,
  type Address,
  type Hex,
  type PrivateKeyAccount,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { medAnchorAbi, medAnchorBytecode } from "@/lib/chain/generated/med-anchor-artifact";
import { fundOnAnvil } from "@/scripts/chain/deploy";

/** Measured 70,898 gas for a first anchor (two-slot record + event); the ceiling is that + ~10%. */
const FIRST_ANCHOR_GAS_CEILING = 78_000n;
const DEFAULT_ADMIN_ROLE = zeroHash;
const ANCHORER_ROLE = keccak256(toBytes("ANCHORER_ROLE"));

const rpcUrl = process.env.CHAIN_RPC_URL!;
const chain = defineChain({
  id: Number(process.env.CHAIN_ID ?? 31337),
  name: "integration anvil",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});
const publicClient = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 100 });
const testClient = createTestClient({ chain, mode: "anvil", transport: http(rpcUrl), pollingInterval: 100 });

const randomBytes32 = (): Hex => generatePrivateKey();

async function fundedAccount(): Promise<PrivateKeyAccount> {
  const account = privateKeyToAccount(generatePrivateKey());
  await fundOnAnvil(rpcUrl, account.address);
  return account;
}

function walletFor(account: PrivateKeyAccount) {
  return createWalletClient({ account, chain, transport: http(rpcUrl), pollingInterval: 100 });
}

async function deployMedAnchor(deployer: PrivateKeyAccount, admin: Address, anchorer: Address): Promise<Address> {
  const hash = await walletFor(deployer).deployContract({ abi: medAnchorAbi, bytecode: medAnchorBytecode, args: [admin, anchorer] });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) throw new Error(`deployment failed (tx ${hash})`);
  return receipt.contractAddress;
}

async function anchor(address: Address, signer: PrivateKeyAccount, id: Hex, commitment: Hex) {
  const hash = await walletFor(signer).writeContract({ address, abi: medAnchorAbi, functionName: "anchorDocument", args: [id, commitment] });
  return publicClient.waitForTransactionReceipt({ hash });
}

/** The custom error a call would revert with, decoded from the ABI by a simulation. */
async function revertOf(address: Address, signer: Address, id: Hex, commitment: Hex) {
  try {
    await publicClient.simulateContract({ address, abi: medAnchorAbi, functionName: "anchorDocument", args: [id, commitment], account: signer });
  } catch (error) {
    const revert = error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
    if (revert instanceof ContractFunctionRevertedError) return { errorName: revert.data?.errorName, args: revert.data?.args };
    throw error;
  }
  throw new Error("expected anchorDocument to revert, but the simulation succeeded");
}

async function readDocument(address: Address, id: Hex) {
  const [commitment, anchoredAt] = await publicClient.readContract({ address, abi: medAnchorAbi, functionName: "getDocument", args: [id] });
  return { commitment, anchoredAt };
}

describe("MedAnchor roles", () => {
  let admin: PrivateKeyAccount;
  let anchorer: PrivateKeyAccount;
  let outsider: PrivateKeyAccount;
  let address: Address;

  beforeAll(async () => {
    [admin, anchorer, outsider] = await Promise.all([fundedAccount(), fundedAccount(), fundedAccount()]);
    address = await deployMedAnchor(admin, admin.address, anchorer.address);
  });

  const hasRole = (role: Hex, account: Address) => publicClient.readContract({ address, abi: medAnchorAbi, functionName: "hasRole", args: [role, account] });

  it("grants DEFAULT_ADMIN_ROLE to the admin and ANCHORER_ROLE to the anchorer, and nothing else", async () => {
    expect(await publicClient.readContract({ address, abi: medAnchorAbi, functionName: "ANCHORER_ROLE" })).toBe(ANCHORER_ROLE);
    expect(await hasRole(DEFAULT_ADMIN_ROLE, admin.address)).toBe(true);
    expect(await hasRole(ANCHORER_ROLE, anchorer.address)).toBe(true);
    expect(await hasRole(ANCHORER_ROLE, admin.address)).toBe(false);
    expect(await hasRole(DEFAULT_ADMIN_ROLE, anchorer.address)).toBe(false);
  });

  it("rejects an anchor from an account without ANCHORER_ROLE with AccessControlUnauthorizedAccount", async () => {
    const revert = await revertOf(address, outsider.address, randomBytes32(), randomBytes32());
    expect(revert).toEqual({ errorName: "AccessControlUnauthorizedAccount", args: [outsider.address, ANCHORER_ROLE] });
  });

  it("rejects the admin too: administering roles is not anchoring", async () => {
    const revert = await revertOf(address, admin.address, randomBytes32(), randomBytes32());
    expect(revert).toEqual({ errorName: "AccessControlUnauthorizedAccount", args: [admin.address, ANCHORER_ROLE] });
  });
});

describe("MedAnchor anchoring", () => {
  let anchorer: PrivateKeyAccount;
  let address: Address;

  beforeAll(async () => {
    anchorer = await fundedAccount();
    address = await deployMedAnchor(anchorer, anchorer.address, anchorer.address);
  });

  it("rejects a zero commitment with MedAnchorEmptyCommitment(id)", async () => {
    const id = randomBytes32();
    expect(await revertOf(address, anchorer.address, id, zeroHash)).toEqual({ errorName: "MedAnchorEmptyCommitment", args: [id] });
  });

  it("stores a first anchor and emits DocumentAnchored with the block timestamp", async () => {
    const [id, commitment] = [randomBytes32(), randomBytes32()];
    expect(await readDocument(address, id)).toEqual({ commitment: zeroHash, anchoredAt: 0n });

    const receipt = await anchor(address, anchorer, id, commitment);
    expect(receipt.status).toBe("success");
    const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
    const events = parseEventLogs({ abi: medAnchorAbi, logs: receipt.logs, eventName: "DocumentAnchored" });
    expect(events).toHaveLength(1);
    expect(events[0]!.address.toLowerCase()).toBe(address.toLowerCase());
    expect(events[0]!.args).toEqual({ id, commitment, anchoredAt: block.timestamp });
    expect(await readDocument(address, id)).toEqual({ commitment, anchoredAt: block.timestamp });
  });

  it("treats the same id and commitment again as a no-op: success, no event, anchoredAt unchanged", async () => {
    const [id, commitment] = [randomBytes32(), randomBytes32()];
    await anchor(address, anchorer, id, commitment);
    const first = await readDocument(address, id);
    // Move chain time on, so an overwrite of anchoredAt would be visible.
    await testClient.increaseTime({ seconds: 60 });

    const retry = await anchor(address, anchorer, id, commitment);
    expect(retry.status).toBe("success");
    expect((await publicClient.getBlock({ blockNumber: retry.blockNumber })).timestamp).toBeGreaterThan(first.anchoredAt);
    expect(parseEventLogs({ abi: medAnchorAbi, logs: retry.logs, eventName: "DocumentAnchored" })).toEqual([]);
    expect(await readDocument(address, id)).toEqual(first);
  });

  it("rejects a different commitment under an anchored id with MedAnchorCommitmentMismatch", async () => {
    const [id, existing, attempted] = [randomBytes32(), randomBytes32(), randomBytes32()];
    await anchor(address, anchorer, id, existing);
    expect(await revertOf(address, anchorer.address, id, attempted)).toEqual({ errorName: "MedAnchorCommitmentMismatch", args: [id, existing, attempted] });
    expect((await readDocument(address, id)).commitment).toBe(existing);
  });

  it(`spends less than ${FIRST_ANCHOR_GAS_CEILING} gas on a first anchor`, async () => {
    const receipt = await anchor(address, anchorer, randomBytes32(), randomBytes32());
    console.log(`MedAnchor.anchorDocument first anchor: ${receipt.gasUsed} gas`);
    expect(receipt.gasUsed).toBeLessThan(FIRST_ANCHOR_GAS_CEILING);
  });
});
