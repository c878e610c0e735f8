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
const TAKE_CHAIN_LOCK = `SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;

// A statement of its own after the lock: under READ COMMITTED its snapshot is taken once the lock is
// held, so it sees the last writer's committed row. The head and the next id come in one round trip,
// as the lock is held until commit and every audited request queues behind it.
const NEXT_ID_AND_HEAD = `SELECT nextval(pg_get_serial_sequence('audit_events', 'id')) AS id, (SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1) AS "previousHash"`;

interface ChainHead {
  id: bigint | string;
  previousHash: string | null;
}

type Tx = Prisma.TransactionClient;

type AuditRow = AuditHashInput & { actorRole: Role | null; outcome: AuditEntry["outcome"]; hash: string };

/** The next row of the chain: `entry` with the id and the link to the head that `head` read, and its hash. */
function sealAgainst(head: ChainHead, entry: AuditEntry): AuditRow {
  const row = {
    id: BigInt(head.id),
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
    prevHash: head.previousHash ?? GENESIS_HASH,
  };
  return { ...row, hash: auditEventHash(row) };
}

/** Appends one event to the hash chain, inside the caller's Prisma transaction when given one. */
export async function recordAuditEvent(entry: AuditEntry, tx?: Tx): Promise<void> {
  if (!tx) return auditedSqlTransaction(entry, (sqlTx, sealed) => sqlTx.query(`INSERT INTO audit_events (${sealed.columns}) VALUES (${sealed.placeholders(1)})`, sealed.values).then(() => undefined));
  await tx.$executeRawUnsafe(TAKE_CHAIN_LOCK);
  const [head] = await tx.$queryRawUnsafe<ChainHead[]>(NEXT_ID_AND_HEAD);
  const row = sealAgainst(head!, entry);
  await tx.auditEvent.create({ data: { ...row, details: row.details as Prisma.InputJsonValue } });
}

/** An audit row sealed against the chain's head, ready for the caller's own INSERT into audit_events. */
export interface SealedAuditEvent {
  /** The column list of audit_events the values fill, in order. */
  columns: string;
  values: unknown[];
  /** `$first, $first+1, ...`: the values' placeholders when they start at parameter `first`. */
  placeholders(first: number): string;
}

const AUDIT_COLUMNS = "id, at, actor_id, actor_role, action, subject_type, subject_id, outcome, ip, user_agent, details, prev_hash, hash";

/**
 * Runs `work` in a plain-SQL transaction (lib/db/sql.ts) that holds the audit chain's lock from its first
 * round trip, which also reads the head, and hands it `entry` sealed as the chain's next row. `work` inserts
 * it in one of its own statements, so that an audited change (an upload's commit, say) is one statement
 * and an append on its own is three round trips (open, insert, commit) where it was five. A sealed row
 * that is not inserted only leaves a gap in the ids, which the chain does not link by.
 */
export function auditedSqlTransaction<T>(entry: AuditEntry, work: (tx: Sql, sealed: SealedAuditEvent) => Promise<T>): Promise<T> {
  return sqlTransaction<T>(
    async (tx, opened) => {
      const row = sealAgainst(opened[0] as ChainHead, entry);
      const values = [row.id.toString(), row.at, row.actorId, row.actorRole, row.action, row.subjectType, row.subjectId, row.outcome, row.ip, row.userAgent, JSON.stringify(row.details), row.prevHash, row.hash];
      const placeholders = (first: number) => values.map((_, i) => `$${first + i}`).join(", ");
      return work(tx, { columns: AUDIT_COLUMNS, values, placeholders });
    },
    { openWith: [TAKE_CHAIN_LOCK, NEXT_ID_AND_HEAD] },
  );
}
