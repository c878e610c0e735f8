import "server-only";
import pg from "pg";
import { databaseUrl } from "@/lib/env";
import { statementNamer } from "./statement-names";

/**
 * Plain SQL on node-postgres, beside Prisma, for the few statements on the hottest paths (the session
 * lookup of every signed-in request, an upload's claim and commit, a download's document read, audit
 * appends made outside a Prisma transaction): there Prisma's per-query work (plan interpretation, an
 * interactive transaction's bookkeeping) cost about 1 ms of CPU per statement against 0.1 ms for the
 * same statement here, and an upload ran nine of them. Everything else stays on Prisma.
 *
 * A pool of its own, since a statement here cannot join a Prisma transaction anyway: work that must be
 * atomic is written as one statement (a CTE), which Postgres runs as one transaction. Timestamps are
 * timestamptz, so Dates travel with their offset.
 *
 * Every statement is prepared once per connection under a name derived from its text (statement-names.ts),
 * so a text must be constant, with everything that varies passed as a parameter. Statements list their
 * columns, so a migration that adds columns does not change a prepared statement's result.
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

const statementName = statementNamer();

/** One statement on a pooled connection, prepared there the first time it runs. */
export const sql: Sql = {
  query: (text, values) => rowsOf(pool().query({ name: statementName(text), text, values })),
};

/** Closes the pool (scripts and tests that end their process). */
export async function closeSqlPool(): Promise<void> {
  const open = globalForSql.medAnchorSqlPool;
  globalForSql.medAnchorSqlPool = undefined;
  await open?.end();
}
