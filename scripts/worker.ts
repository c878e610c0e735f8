/**
 * `npm run worker`: the background worker (lib/worker) as its own process. `npm run dev` starts one
 * beside the app; in production run one or more next to the app servers with the same environment
 * (DATABASE_URL, S3_*, …): only the instance holding the Postgres advisory lock works, the others stand
 * by and take over within seconds if it dies. SIGINT or SIGTERM lets the current task finish, releases
 * the lock and exits 0.
 *
 * Runs under `--conditions=react-server` (see package.json) so the `server-only` guard of the lib
 * modules resolves to its no-op export, as it does inside Next.js.
 */
import { db } from "../lib/db/client";
import { closeSqlPool } from "../lib/db/sql";
import { EnvError, mailEnv, serverEnv } from "../lib/env";
import { describeError, jsonLineLogger } from "../lib/worker/log";
import { workerTasks } from "../lib/worker/tasks";
import { startWorker } from "../lib/worker/worker";

/** Past this, a task that ignores its abort signal is cut off: the process exits and the lock goes with its session. */
const SHUTDOWN_TIMEOUT_MS = 30_000;

const log = jsonLineLogger({ component: "worker" });

let connectionString: string;
try {
  connectionString = serverEnv().databaseUrl;
  // Only the worker sends mail, so only it needs SMTP: check at start-up rather than on the first mail.
  mailEnv();
} catch (error) {
  console.error(error instanceof EnvError ? `worker: ${error.message}` : `worker: ${describeError(error)}`);
  process.exit(1);
}

const worker = startWorker({ tasks: workerTasks, connectionString, log });

let exiting = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (exiting) return;
  exiting = true;
  log("info", "worker.stopping", { signal });
  setTimeout(() => {
    log("error", "worker.shutdown_timeout", { ms: SHUTDOWN_TIMEOUT_MS });
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  await worker.stop();
  await db().$disconnect();
  await closeSqlPool();
  // The pg pool behind Prisma can hold the event loop for seconds after disconnect.
  process.exit(0);
}
process.on("SIGINT", (signal) => void shutdown(signal));
process.on("SIGTERM", (signal) => void shutdown(signal));

worker.done.catch((error: unknown) => {
  log("error", "worker.crashed", { error: describeError(error) });
  process.exit(1);
});
