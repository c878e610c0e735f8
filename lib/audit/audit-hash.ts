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

/** What a row's hash covers before its place in the chain is known. */
export type AuditHashContent = Omit<AuditHashInput, "id" | "prevHash">;

export const GENESIS_HASH = "0".repeat(64);

/** Canonical JSON (sorted keys) so the same content always hashes the same way. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

const HOLE = Symbol("filled in when the row joins the chain");

/**
 * The hashed text of a row, cut where its id and its previous hash go: the text is
 * `prefix + id + middle + prevHash + suffix` (both are plain digits and hex, so they need no escaping).
 * This is how the database appends a row in one statement: it fills both in under the chain's lock
 * and hashes the result (the append_audit_event function, see its migration), while
 * auditEventHash checks it here. One definition of the text serves both.
 */
export function auditHashParts(content: AuditHashContent): [prefix: string, middle: string, suffix: string] {
  const { at, actorId, actorRole, action, subjectType, subjectId, outcome, ip, userAgent, details } = content;
  const fields: Record<string, unknown> = { id: HOLE, at: at.toISOString(), actorId, actorRole, action, subjectType, subjectId, outcome, ip, userAgent, details, prevHash: HOLE };
  const parts: string[] = [];
  let text = "{";
  for (const [i, [key, value]] of Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)).entries()) {
    text += `${i > 0 ? "," : ""}${JSON.stringify(key)}:`;
    if (value === HOLE) {
      parts.push(`${text}"`);
      text = `"`;
    } else text += canonical(value);
  }
  return [parts[0]!, parts[1]!, `${text}}`];
}

export function auditEventHash(row: AuditHashInput): string {
  const [prefix, middle, suffix] = auditHashParts(row);
  return createHash("sha256").update(`${prefix}${row.id.toString()}${middle}${row.prevHash}${suffix}`).digest("hex");
}
