import path from "node:path";
import { spawnService, type SupervisedChild } from "./child-process";
import { assertPortFree, waitUntilReady } from "./net";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

/** Runs `next dev` or `next start` (after `next build`) with the stack's environment. */
export async function startAppServer(options: { mode: "dev" | "start"; port: number; env: Record<string, string>; inheritOutput?: boolean }): Promise<{ url: string; process: SupervisedChild }> {
  await assertPortFree("app", options.port);
  const nextBin = path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next");
  // APP_CPU_PROFILE_DIR: a V8 CPU profile of the server, written there when it stops (open it in Chrome DevTools).
  const profiling = process.env.APP_CPU_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.APP_CPU_PROFILE_DIR}`] : [];
  const child = spawnService("app", process.execPath, [...profiling, nextBin, options.mode, "--port", String(options.port), "--hostname", "127.0.0.1"], {
    cwd: PROJECT_ROOT,
    ownGroup: true,
    env: { ...process.env, ...options.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: options.mode === "dev" ? "development" : "production" },
  });
  if (options.inheritOutput) {
    child.child.stdout?.pipe(process.stdout);
    child.child.stderr?.pipe(process.stderr);
  }
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilReady("app", async () => (await fetch(`${url}/api/health`)).status === 200, { timeoutMs: 120_000, intervalMs: 250, failure: child.exitReason });
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url, process: child };
}
