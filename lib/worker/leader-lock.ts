import "server-only";
import pg from "pg";
import { describeError, type WorkerLogger } from "./log";

/** The advisory lock every worker instance competes for: the ASCII bytes of "MedAnchr" as a bigint. */
export const WORKER_LOCK_KEY = 0x4d6564416e636872n;

export interface LeaderLockOptions {
  connectionString: string;
  key?: bigint;
  log: WorkerLogger;
  /** Called once when a held lock is lost (connection error or end), so the worker stops at once. */
  onLost?: () => void;
  /** A lock query slower than this counts as a lost connection. */
  queryTimeoutMs?: number;
}

/**
 * Leadership as a session-level Postgres advisory lock held on a dedicated connection (never a pooled
 * one: a pool would hand the session, and so the lock, to whatever query comes next). The lock lives as
 * long as the session: if the connection drops, Postgres releases it and another instance may take it,
 * so this side must stop acting as leader the moment it notices, which it does on the connection's
 * error or end events and by confirming the lock before each task (`confirm`).
 */
export class LeaderLock {
  private client: pg.Client | undefined;
  private holding = false;
  /** Postgres unreachable is logged once per outage, not on every retry. */
  private outageLogged = false;
  private readonly key: bigint;

  constructor(private readonly options: LeaderLockOptions) {
    this.key = options.key ?? WORKER_LOCK_KEY;
  }

  get held(): boolean {
    return this.holding;
  }

  /** Tries once, without waiting; false when another session holds the lock or Postgres is unreachable. */
  async tryAcquire(): Promise<boolean> {
    if (this.holding) return true;
    try {
      const client = await this.connection();
      const result = await client.query<{ acquired: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS acquired", [this.key.toString()]);
      this.holding = result.rows[0]?.acquired === true;
      if (this.outageLogged) this.options.log("info", "leader.reachable");
      this.outageLogged = false;
      return this.holding;
    } catch (error) {
      this.drop("acquire", error);
      return false;
    }
  }

  /** Whether this session still holds the lock, asked of Postgres itself. False (and dropped) on any doubt. */
  async confirm(): Promise<boolean> {
    if (!this.holding || !this.client) return false;
    try {
      const result = await this.client.query<{ held: boolean }>(
        `SELECT EXISTS (
           SELECT 1 FROM pg_locks
           WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND objsubid = 1
             AND ((classid::bigint << 32) | objid::bigint) = $1::bigint
         ) AS held`,
        [this.key.toString()],
      );
      if (result.rows[0]?.held === true) return true;
      this.drop("confirm", new Error("advisory lock no longer held"));
      return false;
    } catch (error) {
      this.drop("confirm", error);
      return false;
    }
  }

  /** Unlocks and closes the session (closing alone would release it too; unlocking first is explicit). */
  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    const wasHolding = this.holding;
    this.holding = false;
    if (!client) return;
    try {
      if (wasHolding) await client.query("SELECT pg_advisory_unlock($1::bigint)", [this.key.toString()]);
    } catch {
      // The session is going away anyway, and its end releases the lock.
    }
    await client.end().catch(() => {});
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const timeout = this.options.queryTimeoutMs ?? 5_000;
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      connectionTimeoutMillis: timeout,
      query_timeout: timeout,
      keepAlive: true,
      application_name: "medanchor-worker",
    });
    client.on("error", (error) => this.drop("connection", error, client));
    client.on("end", () => this.drop("connection", new Error("connection ended"), client));
    this.client = client;
    await client.connect();
    return client;
  }

  private drop(stage: string, error: unknown, from?: pg.Client): void {
    const client = this.client;
    if (from && from !== client) return;
    this.client = undefined;
    const wasHolding = this.holding;
    this.holding = false;
    if (client) void client.end().catch(() => {});
    if (wasHolding) {
      this.options.log("warn", "leader.lost", { stage, error: describeError(error) });
      this.options.onLost?.();
    } else if (stage !== "connection" && !this.outageLogged) {
      this.outageLogged = true;
      this.options.log("warn", "leader.unavailable", { stage, error: describeError(error) });
    }
  }
}
