import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createPublicClient, createWalletClient, defineChain, http, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { medAnchorAbi, medAnchorBytecode } from "../../lib/chain/generated/med-anchor-artifact";

export interface Deployment {
  chainId: number;
  address: `0x${string}`;
  txHash: Hex;
  blockNumber: string;
  deployedAt: string;
}

function clients(rpcUrl: string, chainId: number, privateKey: Hex) {
  const chain = defineChain({ id: chainId, name: `chain ${chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } });
  const transport = http(rpcUrl);
  return {
    publicClient: createPublicClient({ chain, transport, pollingInterval: 100 }),
    walletClient: createWalletClient({ account: privateKeyToAccount(privateKey), chain, transport, pollingInterval: 100 }),
  };
}

/**
 * Returns the deployment recorded in `recordFile` when its code is still on chain, else deploys MedAnchor
 * (the deployer is admin and anchorer) and records the new address. A chain reset therefore redeploys.
 */
export async function ensureContractDeployed(options: { rpcUrl: string; chainId: number; privateKey: Hex; recordFile: string }): Promise<Deployment & { freshlyDeployed: boolean }> {
  const { publicClient } = clients(options.rpcUrl, options.chainId, options.privateKey);
  if (existsSync(options.recordFile)) {
    const recorded = JSON.parse(await readFile(options.recordFile, "utf8")) as Deployment;
    const code = recorded.chainId === options.chainId ? await publicClient.getCode({ address: recorded.address }) : undefined;
    if (code && code !== "0x") return { ...recorded, freshlyDeployed: false };
  }
  const deployment = await deployContract(options);
  await mkdir(path.dirname(options.recordFile), { recursive: true });
  await writeFile(options.recordFile, JSON.stringify(deployment, null, 2));
  return { ...deployment, freshlyDeployed: true };
}

/** Deploys a new MedAnchor whose admin and first anchorer is the deployer. */
export async function deployContract(options: { rpcUrl: string; chainId: number; privateKey: Hex }): Promise<Deployment> {
  const { publicClient, walletClient } = clients(options.rpcUrl, options.chainId, options.privateKey);
  const account = walletClient.account;
  const txHash = await walletClient.deployContract({ abi: medAnchorAbi, bytecode: medAnchorBytecode, args: [account.address, account.address] });
  const receipt = await publicClient.waitForTransactionReceipt({ hash: txHash });
  if (!receipt.contractAddress || receipt.status !== "success") throw new Error(`chain: contract deployment failed (tx ${txHash})`);
  return { chainId: options.chainId, address: receipt.contractAddress, txHash, blockNumber: receipt.blockNumber.toString(), deployedAt: new Date().toISOString() };
}

/** Gives a dev key ether on anvil (anvil_setBalance), so no well-known anvil key is ever needed. */
export async function fundOnAnvil(rpcUrl: string, address: `0x${string}`): Promise<void> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "anvil_setBalance", params: [address, "0x3635C9ADC5DEA00000"] }),
  });
  const body = (await response.json()) as { error?: { message: string } };
  if (body.error) throw new Error(`chain: could not fund ${address}: ${body.error.message}`);
}
