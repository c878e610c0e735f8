import "server-only";
import { createPublicClient, createWalletClient, defineChain, http, type Chain } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { serverEnv } from "@/lib/env";

/** Short polling: anvil mines instantly, and the 4 s default would make every receipt wait take seconds. */
const POLLING_INTERVAL_MS = 100;

export function medAnchorChain(): Chain {
  const { chain } = serverEnv();
  return defineChain({
    id: chain.chainId,
    name: chain.chainId === 31337 ? "MedAnchor local (anvil)" : `MedAnchor chain ${chain.chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [chain.rpcUrl] } },
  });
}

const globalForChain = globalThis as unknown as { medAnchorPublicClient?: ReturnType<typeof createChainPublicClient> };

function createChainPublicClient() {
  return createPublicClient({ chain: medAnchorChain(), transport: http(serverEnv().chain.rpcUrl, { timeout: 5_000, retryCount: 0 }), pollingInterval: POLLING_INTERVAL_MS });
}

export function chainPublicClient() {
  globalForChain.medAnchorPublicClient ??= createChainPublicClient();
  return globalForChain.medAnchorPublicClient;
}

/** Signs with the anchoring key; only the worker and deployment scripts should need it. */
export function anchorWalletClient() {
  const { chain } = serverEnv();
  return createWalletClient({ account: privateKeyToAccount(chain.anchorPrivateKey), chain: medAnchorChain(), transport: http(chain.rpcUrl), pollingInterval: POLLING_INTERVAL_MS });
}

export function contractAddress(): `0x${string}` {
  return serverEnv().chain.contractAddress;
}
