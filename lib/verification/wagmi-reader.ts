/**
 * An AnchorReader over a wagmi config, for the browser: every read goes through wagmi's core actions
 * (and so through the config's transport: the RPC URL the visitor chose).
 */
import { BlockNotFoundError, defineChain, http, type Address, type Hex } from "viem";
import { createConfig, type Config } from "wagmi";
import { getBlock, getPublicClient, readContract } from "wagmi/actions";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import type { AnchorReader } from "./verify-receipt";

/** A read-only wagmi config for one chain behind one RPC URL: no connectors, no wallet discovery, nothing stored. */
export function readOnlyWagmiConfig(chainId: number, rpcUrl: string) {
  const chain = defineChain({ id: chainId, name: `Chain ${chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } });
  return createConfig({
    chains: [chain],
    connectors: [],
    multiInjectedProviderDiscovery: false,
    storage: null,
    transports: { [chain.id]: http(rpcUrl, { timeout: 10_000, retryCount: 1 }) },
  });
}

export function wagmiAnchorReader(config: Config, contract: Address): AnchorReader {
  return {
    chainId: () => getPublicClient(config)!.getChainId(),
    getDocument: (id) => readContract(config, { address: contract, abi: medAnchorAbi, functionName: "getDocument", args: [id] }),
    getBatch: (root) => readContract(config, { address: contract, abi: medAnchorAbi, functionName: "getBatch", args: [root] }),
    verifyBatchInclusion: (root, leaf, proof) => readContract(config, { address: contract, abi: medAnchorAbi, functionName: "verifyBatchInclusion", args: [root, leaf, proof as Hex[]] }),
    blockTimestamp: async (blockNumber) => {
      try {
        return (await getBlock(config, { blockNumber })).timestamp;
      } catch (error) {
        if (error instanceof BlockNotFoundError) return null;
        throw error;
      }
    },
  };
}
