import "server-only";
import { serverEnv } from "@/lib/env";

/**
 * The read-only JSON-RPC proxy behind /api/rpc: the default node of the public /verify page, so a
 * visitor can read the contract without knowing where our chain runs. Only methods that read chain state
 * pass; anything that could send a transaction, sign, touch the node's accounts or control the node
 * (anvil_*, evm_*, debug_*, admin_*, personal_*, eth_sendRawTransaction, eth_sign...) is refused with a
 * JSON-RPC error and never reaches the node. Bodies, batches and log ranges are bounded.
 */
export const RPC_BODY_LIMIT_BYTES = 64 * 1024;
export const RPC_BATCH_LIMIT = 20;
export const RPC_LOG_RANGE_LIMIT = 10_000n;
const UPSTREAM_TIMEOUT_MS = 10_000;

const READ_METHODS = new Set([
  "eth_chainId",
  "net_version",
  "web3_clientVersion",
  "eth_blockNumber",
  "eth_call",
  "eth_getCode",
  "eth_getBalance",
  "eth_getStorageAt",
  "eth_getBlockByNumber",
  "eth_getBlockByHash",
  "eth_getTransactionByHash",
  "eth_getTransactionReceipt",
  "eth_getLogs",
]);

/** A tag is a block tag or a hex quantity; the verify page passes quantities and "latest". */
const BLOCK_TAGS = new Set(["latest", "safe", "finalized", "earliest", "pending"]);
const QUANTITY = /^0x(0|[1-9a-f][0-9a-f]*)$/i;

type Id = string | number | null;
interface RpcError {
  jsonrpc: "2.0";
  id: Id;
  error: { code: number; message: string };
}

const rpcError = (id: Id, code: number, message: string): RpcError => ({ jsonrpc: "2.0", id, error: { code, message } });

/** Sends one JSON-RPC payload (a single call or a batch) to the node and returns its parsed answer. */
export type Upstream = (payload: unknown) => Promise<unknown>;

interface Call {
  jsonrpc: "2.0";
  id: Id;
  method: string;
  params?: unknown;
}

function isCall(value: unknown): value is Call {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const call = value as Record<string, unknown>;
  const idOk = call.id === undefined || call.id === null || typeof call.id === "string" || typeof call.id === "number";
  return call.jsonrpc === "2.0" && typeof call.method === "string" && idOk && (call.params === undefined || Array.isArray(call.params));
}

const idOf = (value: unknown): Id => {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === "string" || typeof id === "number" ? id : null;
};

/** Why a call may not pass, or null when it may. */
async function refusal(call: Call, head: () => Promise<bigint>): Promise<RpcError | null> {
  if (!READ_METHODS.has(call.method)) return rpcError(call.id, -32601, `Method not allowed: this is a read-only proxy (${call.method.slice(0, 64)}).`);
  const params = (call.params ?? []) as unknown[];
  // eth_call's third parameter (state overrides) and beyond are not needed to read a contract.
  if (call.method === "eth_call" && params.length > 2) return rpcError(call.id, -32602, "eth_call takes at most a call object and a block here.");
  if (call.method === "eth_getLogs") {
    const filter = params[0] as { fromBlock?: unknown; toBlock?: unknown; blockHash?: unknown } | undefined;
    if (!filter || typeof filter !== "object" || params.length !== 1) return rpcError(call.id, -32602, "eth_getLogs takes one filter object.");
    if (filter.blockHash !== undefined) return null;
    const resolve = async (tag: unknown): Promise<bigint | null> => {
      if (tag === undefined || tag === "latest" || tag === "safe" || tag === "finalized" || tag === "pending") return head();
      if (tag === "earliest") return 0n;
      return typeof tag === "string" && QUANTITY.test(tag) ? BigInt(tag) : null;
    };
    const [from, to] = [await resolve(filter.fromBlock), await resolve(filter.toBlock)];
    if (from === null || to === null) return rpcError(call.id, -32602, "eth_getLogs needs block numbers or tags.");
    if (to - from + 1n > RPC_LOG_RANGE_LIMIT) return rpcError(call.id, -32005, `eth_getLogs ranges are limited to ${RPC_LOG_RANGE_LIMIT} blocks here.`);
  }
  if ((call.method === "eth_getBlockByNumber" || call.method === "eth_getBalance" || call.method === "eth_getCode") && params.some((p) => typeof p === "string" && !p.startsWith("0x") && !BLOCK_TAGS.has(p))) {
    return rpcError(call.id, -32602, "Invalid block parameter.");
  }
  return null;
}

/**
 * Answers a JSON-RPC request body (text): refused calls get an error here, allowed ones go to the node
 * (a batch in one upstream request), answers come back in request order. Null when nothing needs an
 * answer (only notifications).
 */
export async function answerRpc(body: string, upstream: Upstream): Promise<unknown> {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return rpcError(null, -32700, "Parse error.");
  }
  const batch = Array.isArray(payload);
  const calls: unknown[] = batch ? (payload as unknown[]) : [payload];
  if (batch && calls.length === 0) return rpcError(null, -32600, "Empty batch.");
  if (calls.length > RPC_BATCH_LIMIT) return rpcError(null, -32600, `Batches are limited to ${RPC_BATCH_LIMIT} calls here.`);

  let headBlock: Promise<bigint> | undefined;
  const head = () =>
    (headBlock ??= upstream({ jsonrpc: "2.0", id: 0, method: "eth_blockNumber", params: [] }).then((answer) => {
      const result = (answer as { result?: unknown }).result;
      if (typeof result !== "string" || !QUANTITY.test(result)) throw new Error("no block number");
      return BigInt(result);
    }));

  const answers: unknown[] = new Array(calls.length).fill(undefined);
  const forwarded: { index: number; call: Call }[] = [];
  for (const [index, value] of calls.entries()) {
    if (!isCall(value)) {
      answers[index] = rpcError(idOf(value), -32600, "Invalid request.");
      continue;
    }
    let refused: RpcError | null;
    try {
      refused = await refusal(value, head);
    } catch {
      refused = rpcError(value.id ?? null, -32603, "The chain could not be reached.");
    }
    if (refused) answers[index] = refused;
    else forwarded.push({ index, call: { jsonrpc: "2.0", id: value.id ?? null, method: value.method, ...(value.params ? { params: value.params } : {}) } });
  }

  if (forwarded.length > 0) {
    // Our own ids upstream: answers are matched by position, whatever ids (or duplicates) the client sent.
    let results: unknown;
    try {
      results = await upstream(forwarded.map((f, i) => ({ ...f.call, id: i + 1 })));
    } catch {
      results = null;
    }
    const byId = new Map(Array.isArray(results) ? results.map((r) => [(r as { id?: unknown }).id, r as Record<string, unknown>]) : []);
    forwarded.forEach(({ index, call }, i) => {
      const answer = byId.get(i + 1);
      answers[index] = answer ? { ...answer, id: call.id } : rpcError(call.id, -32603, "The chain could not be reached.");
    });
  }

  // Notifications (no id) get no answer, per JSON-RPC 2.0.
  const replies = answers.filter((answer, index) => !(isCall(calls[index]) && (calls[index] as Call).id === undefined));
  if (!batch) return replies[0] ?? null;
  return replies.length > 0 ? replies : null;
}

/** Reads at most `limit` bytes of the body; null when it is larger. */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

const HEADERS = { "Content-Type": "application/json", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

export function chainUpstream(rpcUrl = serverEnv().chain.rpcUrl): Upstream {
  return async (payload) => {
    const response = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload), signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`upstream answered ${response.status}`);
    return response.json();
  };
}

/** The route handler's work: size limit, then `answerRpc` against the configured chain node. */
export async function proxyRpc(request: Request, upstream: Upstream = chainUpstream()): Promise<Response> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    return Response.json(rpcError(null, -32600, "Send JSON-RPC as application/json."), { status: 415, headers: HEADERS });
  }
  const body = await readLimited(request, RPC_BODY_LIMIT_BYTES);
  if (body === null) return Response.json(rpcError(null, -32600, `Request bodies are limited to ${RPC_BODY_LIMIT_BYTES} bytes here.`), { status: 413, headers: HEADERS });
  const answer = await answerRpc(body, upstream);
  if (answer === null) return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  return new Response(JSON.stringify(answer), { status: 200, headers: HEADERS });
}
