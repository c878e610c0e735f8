import { createHash } from "node:crypto";

/** The fields a row's hash covers. Changing any of them, or the order of rows, breaks the chain. */
export interface AuditHashInput {
  id: bigint;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
  prevHash: string;
}

export const GENESIS_HASH = "0".repeat(64);

/** Canonical JSON (sorted keys) so the same content always hashes the same way. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

export function auditEventHash(row: AuditHashInput): string {
  // Only the listed fields: a row read back from the database also carries its own `hash`.
  const { id, at, actorId, actorRole, action, subjectType, subjectId, outcome, ip, userAgent, details, prevHash } = row;
  const content = canonical({ id: id.toString(), at: at.toISOString(), actorId, actorRole, action, subjectType, subjectId, outcome, ip, userAgent, details, prevHash });
  return createHash("sha256").update(content).digest("hex");
}
