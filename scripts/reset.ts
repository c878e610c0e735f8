/**
 * `npm run reset`: deletes `.data/` (embedded Postgres, S3 objects, chain state, dev secrets).
 * The next `npm run dev` starts from scratch. Refuses while the dev stack is running.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { DEV_PORTS } from "./services/stack";
import { assertPortFree } from "./services/net";

const dataRoot = path.resolve(import.meta.dirname, "../.data");
try {
  await Promise.all(Object.entries(DEV_PORTS).map(([component, port]) => assertPortFree(component, port)));
} catch (error) {
  console.error(`reset: ${error instanceof Error ? error.message : String(error)}. Stop \`npm run dev\` first.`);
  process.exit(1);
}
await rm(dataRoot, { recursive: true, force: true });
console.log(`reset: removed ${path.relative(process.cwd(), dataRoot) || dataRoot}`);
