/**
 * Verifies every stored document of the stack the environment names against storage, Postgres and the
 * chain (lib/verification/verify-every-document.ts) and prints the result as one JSON line. Run by
 * `npm run restore` after loading a backup, and by the backup test and benchmark; a child process because
 * the lib modules read their settings from this process's environment once.
 *
 * Runs under `--conditions=react-server` so the `server-only` guard resolves to its no-op export.
 */
import { db } from "../../lib/db/client";
import { verifyEveryStoredDocument } from "../../lib/verification/verify-every-document";

try {
  console.log(JSON.stringify(await verifyEveryStoredDocument()));
  await db().$disconnect();
  process.exit(0);
} catch (error) {
  console.error(`verify-documents: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
