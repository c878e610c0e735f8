import "server-only";
import { z } from "zod";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { pageOf, pageSchema, pageWindow, type PageDto } from "@/lib/pagination";
import { ok, type Result } from "@/lib/result";

export type AccessLogAction = "view" | "download" | "upload" | "delete" | "denied" | "grant.request" | "grant.approve" | "grant.deny" | "grant.create" | "grant.revoke" | "grant.expire";

export interface AccessLogEntryDto {
  id: string;
  at: Date;
  action: AccessLogAction;
  outcome: "ALLOW" | "DENY";
  /** "You", "Dr. <name>", or the system for expiries. */
  who: string;
  byPatient: boolean;
  document: { id: string; title: string } | null;
  grantId: string | null;
}

const ACTIONS: Record<string, AccessLogAction> = {
  "document.view": "view",
  "document.download": "download",
  "document.upload": "upload",
  "document.delete": "delete",
  "authz.deny": "denied",
  "grant.request": "grant.request",
  "grant.approve": "grant.approve",
  "grant.deny": "grant.deny",
  "grant.create": "grant.create",
  "grant.revoke": "grant.revoke",
  "grant.expire": "grant.expire",
};

const inputSchema = z.object({ page: pageSchema.default(1), who: z.enum(["all", "others"]).catch("others").default("others") });

/**
 * "Who opened my files": every view, download, upload, deletion and refused attempt on the patient's
 * documents, and every change to grants on their records, newest first, 20 per page. By default the
 * patient's own actions are left out ("others"); "all" includes them.
 */
export async function listAccessLog(actor: Actor | null, input: { page?: string | number; who?: string } = {}, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<PageDto<AccessLogEntryDto>>> {
  const auth = await authorize(actor, "document.read_access_log", { ownerId: actor?.id, type: "user", id: actor?.id }, context);
  if (!auth.ok) return auth;
  const { page, who } = inputSchema.parse(input);
  const patientId = auth.actor.id;
  const [documents, grants] = await Promise.all([
    db().document.findMany({ where: { ownerId: patientId }, select: { id: true, title: true } }),
    db().accessGrant.findMany({ where: { patientId }, select: { id: true } }),
  ]);
  const where = {
    action: { in: Object.keys(ACTIONS) },
    OR: [
      { subjectType: "document", subjectId: { in: documents.map((d) => d.id) } },
      { subjectType: "grant", subjectId: { in: grants.map((g) => g.id) } },
    ],
    ...(who === "others" ? { NOT: { actorId: patientId } } : {}),
  };
  const total = await db().auditEvent.count({ where });
  const window = pageWindow(page, total);
  const rows = await db().auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: window.skip, take: window.take });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => !!id))];
  const users = await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, role: true } });
  const names = new Map(users.map((u) => [u.id, u.role === "DOCTOR" ? `Dr. ${u.name}` : u.id === patientId ? "You" : u.name]));
  const titles = new Map(documents.map((d) => [d.id, d.title]));
  const items = rows.map((row) => ({
    id: String(row.id),
    at: row.at,
    action: ACTIONS[row.action]!,
    outcome: row.outcome,
    who: row.actorId ? (names.get(row.actorId) ?? "Someone") : "MedAnchor",
    byPatient: row.actorId === patientId,
    document: row.subjectType === "document" && row.subjectId ? { id: row.subjectId, title: titles.get(row.subjectId) ?? "Document" } : null,
    grantId: row.subjectType === "grant" ? row.subjectId : null,
  }));
  return ok(pageOf(items, window, total));
}
