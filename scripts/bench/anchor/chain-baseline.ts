/**
 * The anchor benchmark's chain-side measurements, with viem alone (no worker, no Postgres): gas of one
 * anchorDocument and of one anchorBatch of 256, and the bare send loop the worker's throughput is
 * compared with.
 */
import { randomBytes } from "node:crypto";
import { createPublicClient, createWalletClient, defineChain, encodeFunctionData, http, keccak256, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { buildBatch } from "../../../contracts/merkle";
import { medAnchorAbi } from "../../../lib/chain/generated/med-anchor-artifact";

const randomHex32 = (): Hex => `0x${randomBytes(32).toString("hex")}`;

export interface ChainTarget {
  rpcUrl: string;
  chainId: number;
  contract: Hex;
  privateKey: Hex;
}

export function chainClients({ rpcUrl, chainId, privateKey }: ChainTarget) {
  const chain = defineChain({ id: chainId, name: `chain ${chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } });
  const account = privateKeyToAccount(privateKey);
  return {
    account,
    publicClient: createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 50 }),
    walletClient: createWalletClient({ account, chain, transport: http(rpcUrl), pollingInterval: 50 }),
  };
}

/** gasUsed of one anchorDocument and, per document, of one anchorBatch of `batchSize` documents. */
export async function measureGas(target: ChainTarget, batchSize: number): Promise<{ single: bigint; batchedPerDocument: number }> {
  const { publicClient, walletClient } = chainClients(target);
  const single = await walletClient.writeContract({ address: target.contract, abi: medAnchorAbi, functionName: "anchorDocument", args: [randomHex32(), randomHex32()] });
  const singleReceipt = await publicClient.waitForTransactionReceipt({ hash: single });
  const batch = buildBatch(Array.from({ length: batchSize }, () => ({ id: randomHex32(), commitment: randomHex32() })));
  const batched = await walletClient.writeContract({ address: target.contract, abi: medAnchorAbi, functionName: "anchorBatch", args: [batch.root, batch.count] });
  const batchReceipt = await publicClient.waitForTransactionReceipt({ hash: batched });
  if (singleReceipt.status !== "success" || batchReceipt.status !== "success") throw new Error("gas measurement: a transaction reverted");
  return { single: singleReceipt.gasUsed, batchedPerDocument: Number(batchReceipt.gasUsed) / batchSize };
}

/**
 * The baseline: `count` anchorDocument transactions signed locally with sequential nonces and sent one
 * after another without waiting, then every receipt awaited. Gas limit and fees are fixed up front, so
 * the loop is as cheap as a sender can be; returns the seconds from the first signature to the last receipt.
 */
export async function bareSendLoopSeconds(target: ChainTarget, count: number): Promise<number> {
  const { account, publicClient, walletClient } = chainClients(target);
  const fees = await publicClient.estimateFeesPerGas();
  const gas = 120_000n;
  const started = performance.now();
  let nonce = await publicClient.getTransactionCount({ address: account.address, blockTag: "pending" });
  const hashes: Hex[] = [];
  for (let i = 0; i < count; i += 1) {
    const data = encodeFunctionData({ abi: medAnchorAbi, functionName: "anchorDocument", args: [randomHex32(), randomHex32()] });
    const raw = await walletClient.signTransaction({ account, chain: publicClient.chain, to: target.contract, data, nonce, gas, maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas, type: "eip1559" });
    nonce += 1;
    hashes.push(await publicClient.sendRawTransaction({ serializedTransaction: raw }));
    if (hashes[hashes.length - 1] !== keccak256(raw)) throw new Error("bare loop: unexpected transaction hash");
  }
  const receipts = await Promise.all(hashes.map((hash) => publicClient.waitForTransactionReceipt({ hash, timeout: 120_000 })));
  const seconds = (performance.now() - started) / 1000;
  const reverted = receipts.filter((r) => r.status !== "success").length;
  if (reverted > 0) throw new Error(`bare loop: ${reverted} transactions reverted`);
  return seconds;
}

/** Switches anvil between one block per transaction and a block every `seconds`. */
export async function setMining(rpcUrl: string, mode: { automine: true } | { intervalSeconds: number }): Promise<void> {
  const call = async (method: string, params: unknown[]) => {
    const response = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
    const body = (await response.json()) as { error?: { message: string } };
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
  };
  if ("automine" in mode) {
    await call("evm_setIntervalMining", [0]);
    await call("evm_setAutomine", [true]);
  } else {
    await call("evm_setAutomine", [false]);
    await call("evm_setIntervalMining", [mode.intervalSeconds]);
  }
}
