import "server-only";
import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";
import { serverEnv } from "@/lib/env";
import type { LedgerEventName } from "./dtos";

/** A hung node must not hang a page: every chain read on these pages is bounded. */
const READ_TIMEOUT_MS = 4_000;

export function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${READ_TIMEOUT_MS} ms`)), READ_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

const LEDGER_EVENTS = new Set<LedgerEventName>(["DocumentAnchored", "BatchAnchored", "GrantSet", "GrantRevoked", "DoctorAttested", "AttestationRevoked"]);

export interface RawLedgerEvent {
  name: LedgerEventName;
  blockNumber: bigint;
  txHash: Hex;
  logIndex: number;
  /** Lower-case anchor id or batch root. */
  key: string;
  count: number | null;
}

export interface RawBlock {
  number: bigint;
  hash: Hex;
  timestamp: bigint;
  transactionCount: number;
}

/**
 * The latest `count` blocks up to `upTo` (default: the head), newest first, and our contract's events in
 * them, from one bounded log query.
 */
export async function readRecentBlocks(count: number, upTo?: bigint): Promise<{ chainId: number; head: bigint; blocks: RawBlock[]; events: RawLedgerEvent[] }> {
  const client = chainPublicClient();
  const [chainId, latest] = await withTimeout(Promise.all([client.getChainId(), client.getBlockNumber({ cacheTime: 0 })]));
  const head = upTo !== undefined && upTo < latest ? upTo : latest;
  const from = head >= BigInt(count - 1) ? head - BigInt(count - 1) : 0n;
  const numbers: bigint[] = [];
  for (let n = head; n >= from; n -= 1n) numbers.push(n);
  const [logs, blocks] = await withTimeout(
    Promise.all([
      client.getContractEvents({ address: contractAddress(), abi: medAnchorAbi, fromBlock: from, toBlock: head }),
      Promise.all(numbers.map((blockNumber) => client.getBlock({ blockNumber }))),
    ]),
  );
  const events: RawLedgerEvent[] = [];
  for (const log of logs) {
    if (!LEDGER_EVENTS.has(log.eventName as LedgerEventName) || log.blockNumber === null || log.transactionHash === null) continue;
    const args = log.args as { id?: Hex; root?: Hex; count?: bigint | number };
    const key = (args.id ?? args.root)?.toLowerCase();
    if (!key) continue;
    events.push({
      name: log.eventName as LedgerEventName,
      blockNumber: log.blockNumber,
      txHash: log.transactionHash,
      logIndex: log.logIndex ?? 0,
      key,
      count: args.count === undefined ? null : Number(args.count),
    });
  }
  return {
    chainId,
    head,
    blocks: blocks.map((block) => ({ number: block.number!, hash: block.hash!, timestamp: block.timestamp, transactionCount: block.transactions.length })),
    events,
  };
}

/** The account whose key signs anchors (ANCHOR_PRIVATE_KEY); only its address leaves this module. */
export function anchoringAccount(): Hex {
  return privateKeyToAccount(serverEnv().chain.anchorPrivateKey).address;
}

export async function readChainStatus(account: Hex): Promise<{ chainId: number; blockNumber: bigint; latestBlockTime: Date; balanceWei: bigint }> {
  const client = chainPublicClient();
  const [chainId, block, balanceWei] = await withTimeout(Promise.all([client.getChainId(), client.getBlock({ blockTag: "latest" }), client.getBalance({ address: account })]));
  return { chainId, blockNumber: block.number!, latestBlockTime: new Date(Number(block.timestamp) * 1000), balanceWei };
}
