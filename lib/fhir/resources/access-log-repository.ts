import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { Paging } from "../paging";

export interface AccessLogFilter {
  ids?: bigint[];
  after?: Date;
  before?: Date;
}

const select = { id: true, at: true, actorId: true, actorRole: true, action: true, subjectType: true, subjectId: true, outcome: true, details: true } satisfies Prisma.AuditEventSelect;
export type AccessLogRow = Prisma.AuditEventGetPayload<{ select: typeof select }>;

/**
 * The patient's access log, as lib/documents/access-log.ts scopes it: these audit actions on any of the
 * patient's documents (deleted ones too: their history stays) or grants, by anyone, themself included.
 */
export async function findAccessLog(patientId: string, actions: string[], filter: AccessLogFilter, paging: Paging): Promise<{ rows: AccessLogRow[]; total: number }> {
  const [documents, grants] = await Promise.all([
    db().document.findMany({ where: { ownerId: patientId }, select: { id: true } }),
    db().accessGrant.findMany({ where: { patientId }, select: { id: true } }),
  ]);
  const where: Prisma.AuditEventWhereInput = {
    action: { in: actions },
    OR: [
      { subjectType: "document", subjectId: { in: documents.map((d) => d.id) } },
      { subjectType: "grant", subjectId: { in: grants.map((g) => g.id) } },
    ],
    ...(filter.ids ? { id: { in: filter.ids } } : {}),
    ...(filter.after || filter.before ? { at: { ...(filter.after ? { gte: filter.after } : {}), ...(filter.before ? { lt: filter.before } : {}) } } : {}),
  };
  const [total, rows] = await Promise.all([
    db().auditEvent.count({ where }),
    paging.count === 0 ? [] : db().auditEvent.findMany({ where, select, orderBy: [{ at: "desc" }, { id: "desc" }], skip: paging.offset, take: paging.count }),
  ]);
  return { rows, total };
}
