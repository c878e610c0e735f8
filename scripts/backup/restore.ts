/**
 * `npm run restore -- <dir>`: restores a backup into a fresh single-machine install. Needs `npm run dev`
 * stopped and no data yet (`npm run reset` deletes `.data/`). Starts the embedded services on `.data/`
 * with the backup's keys and contract, loads Postgres, the bucket and the chain state, verifies every
 * document against the chain, and stops; `npm run dev` then runs on the restored data. Exits 1 when
 * anything fails to restore or verify.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { configuredServices } from "../../lib/env";
import type { Stack } from "../services/stack";
import { startRestoredStack } from "./backup-set";
import { checkEveryDocument } from "./document-check";
import { DATA_ROOT, devStackRunning } from "./install-env";

async function main(): Promise<number> {
  const source = process.argv[2];
  if (!source || process.argv.length > 3) {
    console.error("usage: npm run restore -- <backup directory>");
    return 2;
  }
  if (await devStackRunning()) {
    console.error("restore: the dev stack is running; stop npm run dev first");
    return 1;
  }
  if (!configuredServices(process.env).postgres && existsSync(path.join(DATA_ROOT, "postgres"))) {
    console.error(`restore: ${DATA_ROOT} already holds an install; restore only into a fresh one (npm run reset deletes it)`);
    return 1;
  }
  let stack: Stack | undefined;
  try {
    const started = Date.now();
    const restored = await startRestoredStack({ dataRoot: DATA_ROOT, ports: "dev", source: process.env, backupDir: path.resolve(source) });
    stack = restored.stack;
    const { summary } = restored;
    console.log(`restore: ${summary.rows} rows in ${summary.tables} tables, ${summary.objects} objects, chain at block ${summary.blockNumber} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const check = await checkEveryDocument(stack.env);
    for (const failure of check.failed) console.error(`restore: document ${failure.documentId} fails at ${failure.step}: ${failure.explanation}`);
    console.log(`restore: ${check.verified} of ${check.documents} documents verified against the chain${check.pending ? `, ${check.pending} waiting to be anchored (the worker sends them)` : ""}`);
    return check.failed.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(`restore: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await stack?.stop();
  }
}

// Exit with main's code as soon as it is done (a drained process keeps a failure code too: scripts/services/postgres.ts).
process.exit(await main());
