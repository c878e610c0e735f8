import "server-only";
import { db } from "@/lib/db/client";
import { chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { pingStorage } from "@/lib/storage/object-storage";
import { serverEnv } from "@/lib/env";

export type ComponentHealth = { status: "up"; latencyMs: number } | { status: "down"; error: string };

export interface ChainHealth {
  status: "up" | "down";
  chainId: number | null;
  blockNumber: string | null;
  contractAddress: string;
  contractCodePresent: boolean;
  error?: string;
}

export interface HealthReport {
  status: "ok" | "degraded";
  db: ComponentHealth;
  storage: ComponentHealth;
  chain: ChainHealth;
  /** Names of the components that are down, so a 503 says what to fix. */
  down: string[];
  version: string;
  checkedAt: string;
}

const CHECK_TIMEOUT_MS = 2_500;

function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CHECK_TIMEOUT_MS);
  return Promise.race([
    work(controller.signal),
    new Promise<never>((_, reject) => controller.signal.addEventListener("abort", () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)))),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Short, non-sensitive reason, never a connection string. The last non-blank line: Prisma's messages
 * start with a blank line and an "Invalid invocation" header, and end with the actual cause.
 */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lastLine = message.split("\n").map((line) => line.trim()).filter(Boolean).at(-1) ?? "unknown error";
  return lastLine.replace(/\b\w+:\/\/[^\s]+/g, "<url>").slice(0, 160);
}

async function timed(work: (signal: AbortSignal) => Promise<unknown>): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    await withTimeout(work);
    return { status: "up", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "down", error: reason(error) };
  }
}

async function checkChain(): Promise<ChainHealth> {
  const address = contractAddress();
  try {
    return await withTimeout(async () => {
      const client = chainPublicClient();
      const [chainId, blockNumber, code] = await Promise.all([client.getChainId(), client.getBlockNumber(), client.getCode({ address })]);
      const contractCodePresent = code !== undefined && code !== "0x";
      return {
        status: contractCodePresent ? "up" : "down",
        chainId,
        blockNumber: blockNumber.toString(),
        contractAddress: address,
        contractCodePresent,
        ...(contractCodePresent ? {} : { error: "no contract code at the configured address" }),
      } satisfies ChainHealth;
    });
  } catch (error) {
    return { status: "down", chainId: null, blockNumber: null, contractAddress: address, contractCodePresent: false, error: reason(error) };
  }
}

/** Checks every dependency in parallel; each check is bounded so a hung dependency cannot hang health. */
export async function checkHealth(): Promise<HealthReport> {
  const [database, storage, chain] = await Promise.all([
    timed(() => db().$queryRaw`SELECT 1`),
    timed((signal) => pingStorage(signal)),
    checkChain(),
  ]);
  const down = [database.status === "down" && "db", storage.status === "down" && "storage", chain.status === "down" && "chain"].filter((n): n is string => Boolean(n));
  return { status: down.length === 0 ? "ok" : "degraded", db: database, storage, chain, down, version: serverEnv().appVersion, checkedAt: new Date().toISOString() };
}
