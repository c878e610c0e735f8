/**
 * `prisma generate`, offline.
 *
 * Why this wrapper: the Prisma CLI downloads a native schema-engine binary before every command, and
 * Prisma's binary host is unreachable on our build machines (no npm package ships that binary).
 * `generate` never runs that engine, so pointing PRISMA_SCHEMA_ENGINE_BINARY at a no-op executable
 * skips the download and generation works (the client itself uses the bundled WASM query compiler).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const noopEngine = path.join(mkdtempSync(path.join(tmpdir(), "prisma-noop-")), "schema-engine");
writeFileSync(noopEngine, "#!/bin/sh\nexit 0\n");
chmodSync(noopEngine, 0o755);

const result = spawnSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "generate", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: noopEngine, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
});
process.exit(result.status ?? 1);
