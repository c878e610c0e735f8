import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { pageOf, pageSchema, pageWindow, searchQuerySchema, type PageDto } from "@/lib/pagination";
import { ok, type Result } from "@/lib/result";
import { verifyAuditChain, type AuditChainVerdict } from "./verify-audit-chain";

const searchSchema = z.object({
  action: searchQuerySchema,
  outcome: z.enum(["ALLOW", "DENY"]).optional().catch(undefined),
  actorEmail: searchQuerySchema,
  page: pageSchema,
});

export interface AuditEventDto {
  id: string;
  at: Date;
  actorName: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  subject: string | null;
  outcome: "ALLOW" | "DENY";
  ip: string | null;
  details: string;
}

/** The audit trail for administrators, newest first, with the hash chain's integrity verdict. */
export async function searchAuditEvents(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<{ page: PageDto<AuditEventDto>; chain: AuditChainVerdict }>> {
  const allowed = await authorize(actor, "audit.read", { type: "audit" }, context);
  if (!allowed.ok) return allowed;
  const filters = searchSchema.parse(input ?? {});
  const actorIds = filters.actorEmail
    ? (await db().user.findMany({ where: { email: { contains: filters.actorEmail.toLowerCase() } }, select: { id: true }, take: 50 })).map((u) => u.id)
    : undefined;
  const where = {
    ...(filters.action ? { action: { contains: filters.action } } : {}),
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...(actorIds ? { actorId: { in: actorIds } } : {}),
  };
  const total = await db().auditEvent.count({ where });
  const window = pageWindow(filters.page, total);
  const rows = await db().auditEvent.findMany({ where, orderBy: { id: "desc" }, skip: window.skip, take: window.take });
  const actors = new Map(
    (await db().user.findMany({ where: { id: { in: rows.map((r) => r.actorId).filter((id): id is string => id !== null) } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u]),
  );
  const items = rows.map((row) => ({
    id: row.id.toString(),
    at: row.at,
    actorName: row.actorId ? (actors.get(row.actorId)?.name ?? null) : null,
    actorEmail: row.actorId ? (actors.get(row.actorId)?.email ?? null) : null,
    actorRole: row.actorRole,
    action: row.action,
    subject: row.subjectType ? `${row.subjectType}${row.subjectId ? ` ${row.subjectId.slice(0, 8)}` : ""}` : null,
    outcome: row.outcome,
    ip: row.ip,
    details: Object.entries((row.details ?? {}) as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join(", "),
  }));
  return ok({ page: pageOf(items, window, total), chain: await verifyAuditChain() });
}
