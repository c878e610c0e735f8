import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { DocumentKind } from "@/lib/db/generated/enums";
import type { Paging } from "../paging";

/** Which of one patient's stored documents a caller may see: all of them, or the listed ids. */
export interface DocumentScope {
  ownerId: string;
  ids: "ALL" | string[];
}

export interface DocumentFilter {
  ids?: string[];
  kinds?: DocumentKind[];
  storedAfter?: Date;
  storedBefore?: Date;
}

const select = {
  id: true,
  ownerId: true,
  uploaderId: true,
  title: true,
  kind: true,
  serviceDate: true,
  sniffedType: true,
  size: true,
  sha256: true,
  storedAt: true,
} satisfies Prisma.DocumentSelect;

export type FhirDocumentRow = Prisma.DocumentGetPayload<{ select: typeof select }> & { uploaderRole: "PATIENT" | "DOCTOR" | "ADMIN" | null };

/** Stored documents only: uploads in progress, failed ones and deleted (crypto-shredded) ones are not records. */
function visibleWhere(scopes: DocumentScope[], filter: DocumentFilter): Prisma.DocumentWhereInput {
  const scoped = scopes.filter((scope) => scope.ids === "ALL" || scope.ids.length > 0);
  return {
    state: "STORED",
    OR: scoped.length ? scoped.map((scope) => ({ ownerId: scope.ownerId, ...(scope.ids === "ALL" ? {} : { id: { in: scope.ids } }) })) : [{ id: { in: [] } }],
    ...(filter.ids ? { id: { in: filter.ids } } : {}),
    ...(filter.kinds ? { kind: { in: filter.kinds } } : {}),
    ...(filter.storedAfter || filter.storedBefore ? { storedAt: { ...(filter.storedAfter ? { gte: filter.storedAfter } : {}), ...(filter.storedBefore ? { lt: filter.storedBefore } : {}) } } : {}),
  };
}

async function withUploaderRoles(rows: Prisma.DocumentGetPayload<{ select: typeof select }>[]): Promise<FhirDocumentRow[]> {
  const uploaders = rows.length ? await db().user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.uploaderId))] } }, select: { id: true, role: true } }) : [];
  const roles = new Map(uploaders.map((u) => [u.id, u.role]));
  return rows.map((row) => ({ ...row, uploaderRole: roles.get(row.uploaderId) ?? null }));
}

/** One stored document by id, whoever owns it (the caller's access is checked by the handler). */
export async function findStoredDocument(id: string): Promise<FhirDocumentRow | null> {
  const row = await db().document.findFirst({ where: { id, state: "STORED" }, select });
  return row ? ((await withUploaderRoles([row]))[0] ?? null) : null;
}

/** A page of the visible documents matching the filter, newest stored first. */
export async function findVisibleDocuments(scopes: DocumentScope[], filter: DocumentFilter, paging: Paging): Promise<{ rows: FhirDocumentRow[]; total: number }> {
  const where = visibleWhere(scopes, filter);
  const [total, rows] = await Promise.all([
    db().document.count({ where }),
    paging.count === 0 ? [] : db().document.findMany({ where, select, orderBy: [{ storedAt: "desc" }, { id: "asc" }], skip: paging.offset, take: paging.count }),
  ]);
  return { rows: await withUploaderRoles(rows), total };
}

/** The SHA-256 of every visible document matching the filter, by id (for the anchors among them). */
export async function findVisibleDocumentHashes(scopes: DocumentScope[], filter: DocumentFilter): Promise<Map<string, string | null>> {
  const rows = await db().document.findMany({ where: visibleWhere(scopes, filter), select: { id: true, sha256: true } });
  return new Map(rows.map((row) => [row.id, row.sha256]));
}

/** Patients with a grant to the doctor that is ACTIVE and inside its window now (the chain is checked after). */
export async function patientsWithOpenGrants(doctorId: string, now: Date, patientId?: string): Promise<string[]> {
  const rows = await db().accessGrant.findMany({
    where: { doctorId, state: "ACTIVE", notBefore: { lte: now }, notAfter: { gt: now }, ...(patientId ? { patientId } : {}) },
    distinct: ["patientId"],
    select: { patientId: true },
  });
  return rows.map((row) => row.patientId);
}

const anchorSelect = { subjectId: true, anchorId: true, state: true, txHash: true, blockNumber: true, blockTime: true, batchRoot: true } satisfies Prisma.AnchorSelect;
export type DocumentAnchorRow = Prisma.AnchorGetPayload<{ select: typeof anchorSelect }>;

/** The anchoring record (RECORD row of the outbox) of each document, by document id. */
export async function documentAnchors(documentIds: string[]): Promise<Map<string, DocumentAnchorRow>> {
  if (documentIds.length === 0) return new Map();
  const rows = await db().anchor.findMany({ where: { kind: "DOCUMENT", action: "RECORD", subjectId: { in: documentIds } }, select: anchorSelect });
  return new Map(rows.map((row) => [row.subjectId, row]));
}

/** A page of the confirmed anchors among these documents, latest block first. */
export async function findConfirmedDocumentAnchors(documentIds: string[], paging: Paging): Promise<{ rows: DocumentAnchorRow[]; total: number }> {
  const where = { kind: "DOCUMENT" as const, action: "RECORD" as const, state: "CONFIRMED" as const, blockTime: { not: null }, subjectId: { in: documentIds } };
  if (documentIds.length === 0) return { rows: [], total: 0 };
  const [total, rows] = await Promise.all([
    db().anchor.count({ where }),
    paging.count === 0 ? [] : db().anchor.findMany({ where, select: anchorSelect, orderBy: [{ blockNumber: "desc" }, { subjectId: "asc" }], skip: paging.offset, take: paging.count }),
  ]);
  return { rows, total };
}
