/**
 * Backup and restore of a single-machine install holding 1000 documents, on isolated stacks started here.
 *
 * - `backup_s`: `createBackup` (Postgres dump, every object, chain state, keys, manifest) of the source.
 * - `restore_s`: a fresh stack started with the backup's keys (new data directory, new ports) and the
 *   backup loaded into it: what `npm run restore` does before it verifies.
 * - `restore_verify_s`: the above plus every document verified against storage, Postgres and the chain
 *   (scripts/backup/verify-documents.ts, a child process like the one `npm run restore` runs).
 * - `verified`: documents that passed every step (must equal `documents`); `backup_mib`: size on disk.
 * - `*_postgres_s`, `*_objects_s`, `*_chain_s`: the parts (a restore runs them side by side).
 *
 * Seeding (uploads through the app's services, then anchoring) is not measured.
 */
import { execFile } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { z } from "zod";
import { createBackup, startRestoredStack } from "../backup/backup-set";
import { checkEveryDocument } from "../backup/document-check";
import { readDeployment } from "../backup/install-env";
import { startStack } from "../services/stack";
import type { BenchContext } from "./context";
import { round } from "./stats";

export const description = "backup and restore of 1000 anchored documents: backup, restore into a fresh stack, restore + verify every document";

const DOCUMENTS = 1000;
const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
const execute = promisify(execFile);

async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

export default async function benchmarkBackup(context: BenchContext): Promise<Record<string, number>> {
  const root = await context.tempDir("backup");
  context.log("backup: starting the source stack");
  const source = await startStack({ dataRoot: path.join(root, "source"), ports: "free", source: {} });
  context.defer(() => source.stop());

  context.log(`backup: seeding ${DOCUMENTS} documents through the upload services and anchoring them`);
  const seeding = Date.now();
  const { stdout } = await execute(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(PROJECT_ROOT, "scripts/bench/backup/seed-documents.ts"), String(DOCUMENTS)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...source.env, NODE_ENV: "development" },
    maxBuffer: 16 * 1024 * 1024,
  });
  const seeded = z.object({ documents: z.number(), anchored: z.number() }).parse(JSON.parse(stdout.trim().split("\n").pop() ?? "{}"));
  if (seeded.anchored !== DOCUMENTS) throw new Error(`only ${seeded.anchored} of ${DOCUMENTS} documents anchored while seeding`);
  context.log(`backup: seeded in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);

  context.log("backup: backing up");
  const backupDir = path.join(root, "backup");
  const backupStarted = performance.now();
  const backup = await createBackup(source.env, backupDir, { deployment: await readDeployment(path.join(root, "source"), source.env.CHAIN_ID!) });
  const backupSeconds = (performance.now() - backupStarted) / 1000;
  await source.stop();

  context.log("backup: restoring into a fresh stack");
  const restoreStarted = performance.now();
  const { stack, summary: restored } = await startRestoredStack({ dataRoot: path.join(root, "restored"), ports: "free", backupDir });
  context.defer(() => stack.stop());
  const restoreSeconds = (performance.now() - restoreStarted) / 1000;

  context.log("backup: verifying every document against the restored chain");
  const check = await checkEveryDocument(stack.env);
  const restoreVerifySeconds = (performance.now() - restoreStarted) / 1000;
  if (check.failed.length > 0) throw new Error(`${check.failed.length} documents failed verification after the restore, first: ${JSON.stringify(check.failed[0])}`);

  return {
    documents: DOCUMENTS,
    backup_s: round(backupSeconds, 2),
    restore_s: round(restoreSeconds, 2),
    restore_verify_s: round(restoreVerifySeconds, 2),
    verified: check.verified,
    failed: check.failed.length,
    backup_postgres_s: backup.seconds.postgres,
    backup_objects_s: backup.seconds.objects,
    backup_chain_s: backup.seconds.chain,
    restore_postgres_s: restored.seconds.postgres,
    restore_objects_s: restored.seconds.objects,
    restore_chain_s: restored.seconds.chain,
    verify_s: round(restoreVerifySeconds - restoreSeconds, 2),
    backup_mib: round((await sizeOf(backupDir)) / 1024 / 1024, 2),
    objects: backup.objects,
    rows: backup.rows,
  };
}
