/**
 * An AnchorReader over a viem public client: for the server (its configured chain client) and for the
 * command line (any RPC URL). No server-only imports, so scripts/verify.ts can use it under plain tsx.
 */
import { BlockNotFoundError, createPublicClient, http, type Address, type Hex, type PublicClient } from "viem";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import type { AnchorReader } from "./verify-receipt";

export function viemAnchorReader(client: PublicClient, contract: Address): AnchorReader {
  return {
    chainId: () => client.getChainId(),
    getDocument: (id) => client.readContract({ address: contract, abi: medAnchorAbi, functionName: "getDocument", args: [id] }),
    getBatch: (root) => client.readContract({ address: contract, abi: medAnchorAbi, functionName: "getBatch", args: [root] }),
    verifyBatchInclusion: (root, leaf, proof) => client.readContract({ address: contract, abi: medAnchorAbi, functionName: "verifyBatchInclusion", args: [root, leaf, proof as Hex[]] }),
    blockTimestamp: async (blockNumber) => {
      try {
        return (await client.getBlock({ blockNumber })).timestamp;
      } catch (error) {
        if (error instanceof BlockNotFoundError) return null;
        throw error;
      }
    },
  };
}

/** A reader for a contract behind any JSON-RPC URL (the CLI's --rpc). */
export function anchorReaderForUrl(rpcUrl: string, contract: Address): AnchorReader {
  return viemAnchorReader(createPublicClient({ transport: http(rpcUrl, { timeout: 10_000, retryCount: 1 }) }), contract);
}
