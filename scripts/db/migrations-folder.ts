import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
export const SCHEMA_PATH = path.join(PROJECT_ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma/migrations");
/**
 * The schema as of the newest migration. The WASM engine cannot diff against a shadow database or the
 * live one, so new migrations are generated from this snapshot to the current schema.
 */
export const SCHEMA_SNAPSHOT_PATH = path.join(MIGRATIONS_DIR, "schema.snapshot.prisma");

/** The migrations folder in the shape the schema engine expects (the same one `prisma migrate` reads). */
export async function readMigrationsList() {
  const lockfilePath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  const names = existsSync(MIGRATIONS_DIR)
    ? (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      const sqlPath = path.join(MIGRATIONS_DIR, name, "migration.sql");
      const content = existsSync(sqlPath)
        ? ({ tag: "ok", value: await readFile(sqlPath, "utf8") } as const)
        : ({ tag: "error", value: `missing ${sqlPath}` } as const);
      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  );
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockfilePath) ? await readFile(lockfilePath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
