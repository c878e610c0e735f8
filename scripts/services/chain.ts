import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { spawnService } from "./child-process";
import { assertPortFree, waitUntilReady } from "./net";
import { ServiceStartError, type RunningService } from "./service-error";

const COMPONENT = "chain";
const require = createRequire(import.meta.url);
export const EMBEDDED_CHAIN_ID = 31337;

export interface ChainOptions {
  dataDir: string;
  port: number;
  chainId?: number;
  /** Seconds between blocks; undefined mines one block per transaction (automine). */
  blockTimeSeconds?: number;
}

function anvilBinary(): string {
  try {
    const packageDir = path.dirname(require.resolve("@foundry-rs/anvil-linux-amd64/package.json"));
    const binary = path.join(packageDir, "bin", "anvil");
    if (existsSync(binary)) return binary;
  } catch {
    // fall through to the npm bin shim
  }
  const shim = path.resolve("node_modules/.bin/anvil");
  if (existsSync(shim)) return shim;
  throw new ServiceStartError(COMPONENT, "anvil binary missing (npm install @foundry-rs/anvil)");
}

/**
 * anvil from npm `@foundry-rs/anvil`. `--state` loads the chain from its file at start and dumps it on
 * exit; `--state-interval` also dumps every second so even a kill -9 loses at most a second of blocks.
 */
export async function startChain({ dataDir, port, chainId = EMBEDDED_CHAIN_ID, blockTimeSeconds }: ChainOptions): Promise<RunningService> {
  await assertPortFree(COMPONENT, port);
  await mkdir(dataDir, { recursive: true });
  const args = ["--host", "127.0.0.1", "--port", String(port), "--chain-id", String(chainId), "--state", path.resolve(dataDir, "state.json"), "--state-interval", "1", "--silent", "--accounts", "1"];
  if (blockTimeSeconds) args.push("--block-time", String(blockTimeSeconds));
  const service = spawnService(COMPONENT, anvilBinary(), args);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(COMPONENT, async () => {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }) });
      return response.ok;
    }, { failure: service.exitReason });
  } catch (error) {
    await service.stop();
    throw error;
  }
  return { component: COMPONENT, url, stop: () => service.stop() };
}
