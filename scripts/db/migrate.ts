/**
 * `npm run db:migrate`: applies pending migrations, like `prisma migrate deploy`.
 * Runs through the WASM schema engine because the CLI's native engine cannot be downloaded here
 * (see schema-engine.ts); `_prisma_migrations` is filled the same way, so both stay interchangeable.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NO_FILTERS, SCHEMA_PATH, readMigrationsList } from "./migrations-folder";
import { openSchemaEngine } from "./schema-engine";

export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const engine = await openSchemaEngine(databaseUrl, [[SCHEMA_PATH, schema]]);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: await readMigrationsList(), filters: NO_FILTERS });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { loadToolingEnv } = await import("../../lib/env");
  const databaseUrl = loadToolingEnv().DATABASE_URL;
  if (!databaseUrl) {
    console.error("db:migrate: DATABASE_URL is not set (npm run dev migrates the embedded database itself)");
    process.exit(1);
  }
  const applied = await applyMigrations(databaseUrl);
  console.log(applied.length ? `db:migrate: applied ${applied.join(", ")}` : "db:migrate: database is up to date");
  // The adapter's pg pool would otherwise keep the process alive for ~10 s.
  process.exit(0);
}
