/** An isolated stack (embedded Postgres, S3 server, anvil on free ports) plus a Next.js server in front of it. */
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { ChildMessage } from "./isolated-app-child";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
const CHILD_ENTRY = path.join(import.meta.dirname, "isolated-app-child.ts");
/** Covers a stop that must first wait for a start in progress to finish. */
const STOP_GRACE_MS = 150_000;

export type AppMode = "dev" | "start";

/**
 * `next start` when a production build exists, because that is what users run and its timings are not
 * dominated by on-demand compilation; otherwise `next dev`, so benchmarks work without `npm run build`.
 * A stale build is measured as is: run `npm run build` first when the sources changed, or set
 * BENCH_APP_MODE=dev to measure the current sources without rebuilding.
 */
export function appServerMode(): AppMode {
  const forced = process.env.BENCH_APP_MODE;
  if (forced === "dev" || forced === "start") return forced;
  if (forced) throw new Error(`BENCH_APP_MODE must be "dev" or "start", not "${forced}"`);
  return existsSync(path.join(PROJECT_ROOT, ".next", "BUILD_ID")) ? "start" : "dev";
}

/** Where an isolated stack's demo logins are written (the dev stack keeps them in `.data/demo-logins.json`). */
export function demoLoginsFile(dataRoot: string): string {
  return path.join(dataRoot, "demo-logins.json");
}

export interface IsolatedApp {
  url: string;
  /** The stack's environment the app runs with (DATABASE_URL, S3_*, DOCUMENT_MASTER_KEY, ...). */
  env: Record<string, string>;
  /** Stops the app server, then the stack; safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Resolves once `/api/health` answers 200, i.e. migrations ran and the contract is deployed. The stack runs
 * in a child process (see isolated-app-child.ts) in a process group of its own, so a Ctrl-C reaches only us
 * and the child stops in order when we disconnect, or when we die and the IPC channel closes.
 * `defer` receives the stop right after the fork, so a run interrupted mid-start still stops the child
 * before its data directory is removed.
 */
export async function startIsolatedApp(options: { dataRoot: string; mode: AppMode; defer(stop: () => Promise<void>): void }): Promise<IsolatedApp> {
  // fork() reuses our execArgv, which carries tsx's loader, so the child can be TypeScript too.
  const child = fork(CHILD_ENTRY, [options.dataRoot, options.mode], { cwd: PROJECT_ROOT, detached: true, stdio: ["ignore", "ignore", "pipe", "ipc"] });
  let recentStderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    recentStderr = (recentStderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.disconnect();
      // SIGTERM still runs the child's exit hooks; only a child stuck past the grace period gets it.
      const timer = setTimeout(() => child.kill("SIGTERM"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };
  options.defer(stop);

  const started = await new Promise<{ url: string; env: Record<string, string> }>((resolve, reject) => {
    // On a reported failure, wait for the child to exit: it is still stopping what it had started.
    let startError: string | undefined;
    child.once("message", (message: ChildMessage) => ("url" in message ? resolve(message) : (startError = message.error)));
    child.once("exit", (code, signal) => {
      const lastLine = recentStderr.trim().split("\n").pop() ?? "";
      const exit = code === 0 ? "isolated app stopped before it was ready" : `isolated app exited during start-up (${signal ?? `code ${code}`}): ${lastLine}`;
      reject(new Error(startError ?? exit));
    });
  });
  return { url: started.url, env: started.env, stop };
}
