import "server-only";
import type { Prisma, Role } from "@/lib/db/generated/client";
import { sqlTransaction, type Sql } from "@/lib/db/sql";
import { auditEventHash, GENESIS_HASH, type AuditHashInput } from "./audit-hash";

export interface AuditEntry {
  actorId?: string | null;
  actorRole?: Role | null;
  /** Dotted verb, e.g. `auth.login`, `doctor.verify`, `authz.deny`. */
  action: string;
  subjectType?: string;
  subjectId?: string;
  outcome: "ALLOW" | "DENY";
  ip?: string | null;
  userAgent?: string | null;
  /** Non-personal context only (codes, ids, reasons chosen by staff): never names, emails or health data. */
  details?: Record<string, string | number | boolean | null>;
}

/** Serialises writers so each row links to the one before it; released at commit. */
const AUDIT_CHAIN_LOCK = 7_130_001;

/**
 * The SQL expression that takes the chain's lock, for a statement that does other work in the same round
 * trip (then pass `chainLockHeld` to appendAuditEvent). The head is still read in a later statement.
 */
export const TAKE_AUDIT_CHAIN_LOCK = `pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;

// A statement of its own after the lock: under READ COMMITTED its snapshot is taken once the lock is
// held, so it sees the last writer's committed row. The head and the next id come in one round trip,
// as the lock is held until commit and every audited request queues behind it.
const NEXT_ID_AND_HEAD = `SELECT nextval(pg_get_serial_sequence('audit_events', 'id')) AS id, (SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1) AS "previousHash"`;

type Tx = Prisma.TransactionClient;

type AuditRow = AuditHashInput & { actorRole: Role | null; outcome: AuditEntry["outcome"] };

/** The three statements of an append, on the connection that holds the caller's transaction. */
interface ChainStatements {
  lock(): Promise<void>;
  nextIdAndHead(): Promise<{ id: bigint | string; previousHash: string | null }>;
  insert(row: AuditRow & { hash: string }): Promise<void>;
}

function prismaStatements(tx: Tx): ChainStatements {
  return {
    lock: async () => void (await tx.$executeRawUnsafe(`SELECT ${TAKE_AUDIT_CHAIN_LOCK}`)),
    nextIdAndHead: async () => (await tx.$queryRawUnsafe<{ id: bigint; previousHash: string | null }[]>(NEXT_ID_AND_HEAD))[0]!,
    insert: async (row) => void (await tx.auditEvent.create({ data: { ...row, id: row.id, details: row.details as Prisma.InputJsonValue } })),
  };
}

function sqlStatements(tx: Sql): ChainStatements {
  return {
    lock: async () => void (await tx.query(`SELECT ${TAKE_AUDIT_CHAIN_LOCK}`)),
    nextIdAndHead: async () => (await tx.query<{ id: string; previousHash: string | null }>(NEXT_ID_AND_HEAD))[0]!,
    insert: async (row) =>
      void (await tx.query(
        `INSERT INTO audit_events (id, at, actor_id, actor_role, action, subject_type, subject_id, outcome, ip, user_agent, details, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [row.id.toString(), row.at, row.actorId, row.actorRole, row.action, row.subjectType, row.subjectId, row.outcome, row.ip, row.userAgent, JSON.stringify(row.details), row.prevHash, row.hash],
      )),
  };
}

/** Appends one event to the hash chain, inside the caller's Prisma transaction when given one. */
export async function recordAuditEvent(entry: AuditEntry, tx?: Tx): Promise<void> {
  if (tx) return append(prismaStatements(tx), entry);
  // On its own, the append is three statements in a transaction of their own: plain SQL (lib/db/sql.ts).
  await sqlTransaction((sqlTx) => append(sqlStatements(sqlTx), entry));
}

/**
 * Appends one event inside a transaction that runs on lib/db/sql.ts (see sqlTransaction). With
 * `chainLockHeld`, an earlier statement of this transaction already ran TAKE_AUDIT_CHAIN_LOCK.
 */
export function appendAuditEvent(tx: Sql, entry: AuditEntry, options: { chainLockHeld?: boolean } = {}): Promise<void> {
  return append(sqlStatements(tx), entry, options.chainLockHeld);
}

async function append(statements: ChainStatements, entry: AuditEntry, chainLockHeld = false): Promise<void> {
  if (!chainLockHeld) await statements.lock();
  const next = await statements.nextIdAndHead();
  const row: AuditRow = {
    id: BigInt(next.id),
    at: new Date(),
    actorId: entry.actorId ?? null,
    actorRole: entry.actorRole ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    outcome: entry.outcome,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent?.slice(0, 300) ?? null,
    details: entry.details ?? {},
    prevHash: next.previousHash ?? GENESIS_HASH,
  };
  await statements.insert({ ...row, hash: auditEventHash(row) });
}
