import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma, Role } from "@/lib/db/generated/client";
import { auditEventHash, GENESIS_HASH } from "./audit-hash";

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

type Tx = Prisma.TransactionClient;

/** Appends one event to the hash chain, inside the caller's transaction when given one. */
export async function recordAuditEvent(entry: AuditEntry, tx?: Tx): Promise<void> {
  if (tx) return appendInTransaction(tx, entry);
  await db().$transaction((inner) => appendInTransaction(inner, entry));
}

async function appendInTransaction(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  // A statement of its own after the lock: under READ COMMITTED its snapshot is taken once the lock is
  // held, so it sees the last writer's committed row. The head and the next id come in one round trip,
  // as the lock is held until commit and every audited request queues behind it.
  const [next] = await tx.$queryRaw<{ id: bigint; previousHash: string | null }[]>`
    SELECT nextval(pg_get_serial_sequence('audit_events', 'id')) AS id, (SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1) AS "previousHash"`;
  const id = BigInt(next!.id);
  const row = {
    id,
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
    prevHash: next!.previousHash ?? GENESIS_HASH,
  };
  await tx.auditEvent.create({ data: { ...row, hash: auditEventHash(row) } });
}
