/**
 * `npm run keys:rotate-master`: re-wraps every document's data key from DOCUMENT_MASTER_KEY_PREVIOUS
 * (the old master key) to DOCUMENT_MASTER_KEY (the new one). Run it with the environment the app runs
 * with, after the app and worker were restarted with both variables set (they then read with either
 * key and wrap new uploads with the new one). Idempotent and resumable: run it again after an
 * interruption. When it reports 0 unreadable, unset DOCUMENT_MASTER_KEY_PREVIOUS and restart.
 * Runs under `--conditions=react-server` (package.json) like the worker, for the `server-only` guard.
 */
import { db } from "../../lib/db/client";
import { rotateMasterKey } from "../../lib/documents/rotate-master-key";
import { EnvError, documentEnv } from "../../lib/env";

function fail(message: string): never {
  console.error(`keys:rotate-master: ${message}`);
  process.exit(1);
}

let keys: { from: Buffer; to: Buffer };
try {
  const env = documentEnv();
  if (!env.previousMasterKey) fail("DOCUMENT_MASTER_KEY_PREVIOUS is not set: set it to the old key and DOCUMENT_MASTER_KEY to the new one");
  if (env.previousMasterKey.equals(env.masterKey)) fail("DOCUMENT_MASTER_KEY_PREVIOUS equals DOCUMENT_MASTER_KEY: nothing to rotate");
  keys = { from: env.previousMasterKey, to: env.masterKey };
} catch (error) {
  fail(error instanceof EnvError ? error.message : String(error));
}

const started = Date.now();
const report = await rotateMasterKey({ ...keys, onBatch: (r) => console.log(`keys:rotate-master: ${r.examined} examined, ${r.rewrapped} re-wrapped`) });
await db().$disconnect();
console.log(
  `keys:rotate-master: done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${report.examined} documents, ${report.rewrapped} re-wrapped, ${report.alreadyCurrent} already under the new key, ${report.unreadable.length} unreadable`,
);
if (report.unreadable.length > 0) fail(`data keys that open with neither key (documents ${report.unreadable.slice(0, 20).join(", ")}): keep DOCUMENT_MASTER_KEY_PREVIOUS set and investigate`);
// The pg pool behind Prisma can hold the event loop for seconds after disconnect.
process.exit(0);
