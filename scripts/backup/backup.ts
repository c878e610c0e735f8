/**
 * `npm run backup -- <dir>`: backs up a single-machine install into a new directory (scripts/backup/
 * backup-set.ts says what goes in). With `npm run dev` running it copies from the live services; otherwise
 * it starts the embedded services on `.data/` itself, copies, and stops them. Variables that point at
 * other services (DATABASE_URL, S3_*, CHAIN_RPC_URL, keys) are honoured as everywhere else.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { configuredServices } from "../../lib/env";
import { startStack, type Stack } from "../services/stack";
import { createBackup } from "./backup-set";
import { DATA_ROOT, devStackRunning, readDeployment, runningDevStackEnv } from "./install-env";

async function main(): Promise<number> {
  const target = process.argv[2];
  if (!target || process.argv.length > 3) {
    console.error("usage: npm run backup -- <new directory>");
    return 2;
  }
  const dir = path.resolve(target);
  let stack: Stack | undefined;
  try {
    let env: Record<string, string>;
    if (await devStackRunning()) env = await runningDevStackEnv(process.env);
    else {
      if (!configuredServices(process.env).postgres && !existsSync(path.join(DATA_ROOT, "postgres"))) {
        console.error(`backup: nothing to back up: no ${path.join(DATA_ROOT, "postgres")} (start the app once with npm run dev)`);
        return 1;
      }
      stack = await startStack({ dataRoot: DATA_ROOT, ports: "dev", source: process.env });
      env = stack.env;
    }
    const started = Date.now();
    const summary = await createBackup(env, dir, { deployment: await readDeployment(DATA_ROOT, env.CHAIN_ID!) });
    console.log(`backup: ${summary.rows} rows in ${summary.tables} tables, ${summary.objects} objects (${(summary.bytes / 1024 / 1024).toFixed(1)} MiB), chain state at block ${summary.blockNumber}`);
    console.log(`backup: written to ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s; keys.json holds the document master key: keep the backup as safe as the key`);
    return 0;
  } catch (error) {
    console.error(`backup: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await stack?.stop();
  }
}

// Exit with main's code as soon as it is done (a drained process keeps a failure code too: scripts/services/postgres.ts).
process.exit(await main());
