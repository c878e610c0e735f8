/**
 * Shared helpers for the MedAnchor behaviour tests (viem against the integration stack's anvil): funded
 * random accounts, a fresh deployment per describe, typed writes returning receipts, decoded reverts and
 * events, and block-time control.
 */
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
  type ContractEventName,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
  type PrivateKeyAccount,
  type TransactionReceipt,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { medAnchorAbi, medAnchorBytecode } from "@/lib/chain/generated/med-anchor-artifact";
import { fundOnAnvil } from "@/scripts/chain/deploy";

export const DEFAULT_ADMIN_ROLE = zeroHash;
export const ANCHORER_ROLE = keccak256(toBytes("ANCHORER_ROLE"));

/** `MedAnchor.GrantState` and `MedAnchor.AttestationState` as viem decodes them (uint8). */
export const GrantState = { Unknown: 0, Scheduled: 1, Active: 2, Expired: 3, Revoked: 4 } as const;
export const AttestationState = { Unknown: 0, Valid: 1, Expired: 2, Revoked: 3 } as const;

const rpcUrl = process.env.CHAIN_RPC_URL!;
const chain = defineChain({
  id: Number(process.env.CHAIN_ID ?? 31337),
  name: "integration anvil",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});
export const publicClient = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 100 });
export const testClient = createTestClient({ chain, mode: "anvil", transport: http(rpcUrl), pollingInterval: 100 });

export const randomBytes32 = (): Hex => generatePrivateKey();

export async function fundedAccount(): Promise<PrivateKeyAccount> {
  const account = privateKeyToAccount(generatePrivateKey());
  await fundOnAnvil(rpcUrl, account.address);
  return account;
}

export function walletFor(account: PrivateKeyAccount) {
  return createWalletClient({ account, chain, transport: http(rpcUrl), pollingInterval: 100 });
}

export async function deployMedAnchor(deployer: PrivateKeyAccount, admin: Address, anchorer: Address): Promise<{ address: Address; receipt: TransactionReceipt }> {
  const hash = await walletFor(deployer).deployContract({ abi: medAnchorAbi, bytecode: medAnchorBytecode, args: [admin, anchorer] });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) throw new Error(`deployment failed (tx ${hash})`);
  return { address: receipt.contractAddress, receipt };
}

export type WriteName = ContractFunctionName<typeof medAnchorAbi, "nonpayable">;
export type WriteArgs<N extends WriteName> = ContractFunctionArgs<typeof medAnchorAbi, "nonpayable", N>;

/** Sends a write and waits for its receipt (automine: one block per transaction). */
export async function write<N extends WriteName>(address: Address, signer: PrivateKeyAccount, functionName: N, args: WriteArgs<N>): Promise<TransactionReceipt> {
  const hash = await walletFor(signer).writeContract({ address, abi: medAnchorAbi, functionName, args } as never);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${functionName} reverted on chain (tx ${hash})`);
  return receipt;
}

/** The custom error a write would revert with, decoded from the ABI by a simulation. */
export async function revertOf<N extends WriteName>(address: Address, account: Address, functionName: N, args: WriteArgs<N>) {
  try {
    await publicClient.simulateContract({ address, abi: medAnchorAbi, functionName, args, account } as never);
  } catch (error) {
    const revert = error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
    if (revert instanceof ContractFunctionRevertedError) return { errorName: revert.data?.errorName, args: revert.data?.args };
    throw error;
  }
  throw new Error(`expected ${functionName} to revert, but the simulation succeeded`);
}

/** The decoded MedAnchor events of one name in a receipt. */
export function eventsOf<E extends ContractEventName<typeof medAnchorAbi>>(receipt: TransactionReceipt, eventName: E) {
  return parseEventLogs({ abi: medAnchorAbi, logs: receipt.logs, eventName });
}

export async function blockTimestamp(receipt: TransactionReceipt): Promise<bigint> {
  return (await publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp;
}

export async function latestTimestamp(): Promise<bigint> {
  return (await publicClient.getBlock()).timestamp;
}

/** The next mined block (a transaction's, or an empty one from {@link mineAt}) gets exactly `timestamp`. */
export async function setNextTimestamp(timestamp: bigint): Promise<void> {
  await testClient.setNextBlockTimestamp({ timestamp });
}

/** Mines an empty block at exactly `timestamp` and returns its number, to read views at that time. */
export async function mineAt(timestamp: bigint): Promise<bigint> {
  await setNextTimestamp(timestamp);
  await testClient.mine({ blocks: 1 });
  const block = await publicClient.getBlock();
  if (block.timestamp !== timestamp) throw new Error(`mined at ${block.timestamp}, wanted ${timestamp}`);
  return block.number;
}
