import "server-only";
import type { Prisma, Role } from "@/lib/db/generated/client";
import { sql } from "@/lib/db/sql";
import { auditHashParts } from "./audit-hash";

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

type Tx = Prisma.TransactionClient;

/**
 * One append to the hash chain, ready to run: `call(first)` is the SQL expression that appends it, its
 * parameters numbered from `$first`, and `values` fill them. The database function it calls
 * (append_audit_event, see its migration) serialises writers on the chain's advisory lock (7130001,
 * held until the caller's transaction ends), draws the row's id, reads the head, and completes and hashes
 * the text that auditHashParts cut here, so each row links to the one before it in one round trip.
 */
export interface AuditAppend {
  call(first: number): string;
  values: unknown[];
}

export function auditAppend(entry: AuditEntry, at = new Date()): AuditAppend {
  const content = {
    at,
    actorId: entry.actorId ?? null,
    actorRole: entry.actorRole ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    outcome: entry.outcome,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent?.slice(0, 300) ?? null,
    details: entry.details ?? {},
  };
  const [prefix, middle, suffix] = auditHashParts(content);
  // Each argument with its SQL type, in the function's parameter order.
  const parameters: [unknown, string][] = [
    [prefix, "text"],
    [middle, "text"],
    [suffix, "text"],
    [at, "timestamptz"],
    [content.actorId, "uuid"],
    [content.actorRole, '"Role"'],
    [content.action, "text"],
    [content.subjectType, "text"],
    [content.subjectId, "text"],
    [content.outcome, '"AuditOutcome"'],
    [content.ip, "text"],
    [content.userAgent, "text"],
    [JSON.stringify(content.details), "jsonb"],
  ];
  return {
    values: parameters.map(([value]) => value),
    call: (first) => `append_audit_event(${parameters.map(([, type], i) => `$${first + i}::${type}`).join(", ")})`,
  };
}

/** Appends one event to the hash chain, inside the caller's Prisma transaction when given one. */
export async function recordAuditEvent(entry: AuditEntry, tx?: Tx): Promise<void> {
  const append = auditAppend(entry);
  if (tx) await tx.$queryRawUnsafe(`SELECT ${append.call(1)} AS id`, ...append.values);
  // On its own: one statement on the plain-SQL pool (lib/db/sql.ts), its own transaction.
  else await sql.query(`SELECT ${append.call(1)} AS id`, append.values);
}
