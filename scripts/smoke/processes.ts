/**
 * The production processes as an operator runs them: `next start` (after `next build`) and
 * `npm run worker`'s command, each given exactly the environment passed in and nothing else.
 */
import path from "node:path";
import { spawnService, type SupervisedChild } from "../services/child-process";
import { waitUntilReady } from "../services/net";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next");

export interface ProductionProcess {
  readonly supervised: SupervisedChild;
  /** Everything it wrote to stdout and stderr so far, for a failing check's diagnosis. */
  output(): string;
  stderr(): string;
  /** Resolves with the exit code once the process has exited and its output is fully read. */
  readonly closed: Promise<number | null>;
}

/** Exactly these variables: nothing of this process's environment leaks into the child. */
const only = (env: Record<string, string>) => env as unknown as NodeJS.ProcessEnv;

function capture(supervised: SupervisedChild): ProductionProcess {
  let output = "";
  let stderr = "";
  supervised.child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  supervised.child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });
  const closed = new Promise<number | null>((resolve) => supervised.child.once("close", (code) => resolve(code)));
  return { supervised, output: () => output, stderr: () => stderr, closed };
}

export function spawnApp(port: number, env: Record<string, string>): ProductionProcess {
  return capture(spawnService("app", process.execPath, [NEXT_BIN, "start", "--port", String(port), "--hostname", "127.0.0.1"], { cwd: PROJECT_ROOT, env: only(env), ownGroup: true }));
}

/** What `npm run worker` runs (package.json), without npm in between so signals reach the worker itself. */
export function spawnWorker(env: Record<string, string>): ProductionProcess {
  return capture(spawnService("worker", process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(PROJECT_ROOT, "scripts/worker.ts")], { cwd: PROJECT_ROOT, env: only(env) }));
}

export async function waitForHealthy(url: string, app: ProductionProcess): Promise<void> {
  await waitUntilReady("app", async () => (await fetch(`${url}/api/health`)).status === 200, { timeoutMs: 60_000, intervalMs: 200, failure: app.supervised.exitReason });
}

/** Waits for a process expected to refuse to start; its exit code and stderr lines. */
export async function refusal(started: ProductionProcess, timeoutMs = 60_000): Promise<{ code: number | null; lines: string[] }> {
  const timer = setTimeout(() => void started.supervised.stop(), timeoutMs);
  const code = await started.closed;
  clearTimeout(timer);
  return { code, lines: started.stderr().split("\n").filter((line) => line.trim() !== "") };
}
