import "server-only";
import pg from "pg";
import { databaseUrl } from "@/lib/env";

/**
 * Plain SQL on node-postgres, beside Prisma, for the few statements on the hottest paths (the session
 * lookup of every signed-in request, an upload's claim and commit, a download's document read, audit
 * appends made outside a Prisma transaction): there Prisma's per-query work (plan interpretation, an
 * interactive transaction's bookkeeping) cost about 1 ms of CPU per statement against 0.1 ms for the
 * same statement here, and an upload ran nine of them. Everything else stays on Prisma.
 *
 * A pool of its own, since a statement here cannot join a Prisma transaction anyway: work that must be
 * atomic runs in one sqlTransaction. Timestamps are timestamptz, so Dates travel with their offset.
 */
export interface Sql {
  query<Row>(text: string, values?: unknown[]): Promise<Row[]>;
}

const POOL_SIZE = 4;

const globalForSql = globalThis as unknown as { medAnchorSqlPool?: pg.Pool };

function pool(): pg.Pool {
  if (!globalForSql.medAnchorSqlPool) {
    const created = new pg.Pool({ connectionString: databaseUrl(), max: POOL_SIZE, connectionTimeoutMillis: 3_000, allowExitOnIdle: true });
    // An idle connection dropped by a restarting Postgres must not crash the process; the next checkout reconnects.
    created.on("error", () => undefined);
    globalForSql.medAnchorSqlPool = created;
  }
  return globalForSql.medAnchorSqlPool;
}

const rowsOf = async <Row>(result: Promise<pg.QueryResult>) => (await result).rows as Row[];

/** One statement on a pooled connection. */
export const sql: Sql = {
  query: (text, values) => rowsOf(pool().query(text, values)),
};

/**
 * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws.
 * `openWith` are statements without parameters (constant text only: they travel as one simple query, which
 * takes no values) sent in the same round trip as BEGIN; `work` gets the rows of the last one.
 */
export async function sqlTransaction<T>(work: (tx: Sql, opened: unknown[]) => Promise<T>, options: { openWith?: readonly string[] } = {}): Promise<T> {
  const client = await pool().connect();
  let broken: Error | undefined;
  try {
    const results = (await client.query(["BEGIN", ...(options.openWith ?? [])].join(";\n"))) as pg.QueryResult | pg.QueryResult[];
    const opened = Array.isArray(results) ? results[results.length - 1]!.rows : [];
    const result = await work({ query: (text, values) => rowsOf(client.query(text, values)) }, opened);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    // A connection that could not even roll back is not handed out again.
    client.release(broken);
  }
}

/** Closes the pool (scripts and tests that end their process). */
export async function closeSqlPool(): Promise<void> {
  const open = globalForSql.medAnchorSqlPool;
  globalForSql.medAnchorSqlPool = undefined;
  await open?.end();
}
