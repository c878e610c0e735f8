/**
 * The embedded chain's state (accounts, contract storage, blocks) through anvil's own JSON-RPC methods:
 * `anvil_dumpState` returns it as one hex blob, `anvil_loadState` merges it into a running anvil. Only for
 * the single-machine install: a production chain (Besu QBFT) is replicated by its validators and backed
 * up by running enough of them, not by copying state.
 */
import { z } from "zod";

const rpcAnswer = z.object({ result: z.unknown().optional(), error: z.object({ message: z.string() }).optional() });

async function rpc(rpcUrl: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = rpcAnswer.parse(await response.json());
  if (body.error) throw new Error(`${method}: ${body.error.message}${/method not found|not supported/i.test(body.error.message) ? " (backups of the chain need the embedded anvil; a validator network keeps its own copies)" : ""}`);
  return body.result;
}

const hexBlob = z.string().regex(/^0x[0-9a-fA-F]*$/);

export async function dumpChainState(rpcUrl: string): Promise<{ state: string; blockNumber: number }> {
  const state = hexBlob.parse(await rpc(rpcUrl, "anvil_dumpState"));
  const blockNumber = Number(BigInt(z.string().parse(await rpc(rpcUrl, "eth_blockNumber"))));
  return { state, blockNumber };
}

export async function loadChainState(rpcUrl: string, state: string): Promise<number> {
  if ((await rpc(rpcUrl, "anvil_loadState", [hexBlob.parse(state)])) !== true) throw new Error("restore: anvil did not load the chain state");
  return Number(BigInt(z.string().parse(await rpc(rpcUrl, "eth_blockNumber"))));
}
