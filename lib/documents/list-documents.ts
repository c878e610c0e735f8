import "server-only";
import { z } from "zod";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { fail, ok, type Result } from "@/lib/result";
import { visibleDocumentScope } from "@/lib/grants/doctor-access";
import { withLedger } from "@/lib/grants/ledger-check";
import { DOCUMENT_KINDS } from "./open-upload";

export const DOCUMENTS_PAGE_SIZE = 20;

export type DocumentKindValue = (typeof DOCUMENT_KINDS)[number];
export type DocumentStateValue = "UPLOADING" | "STORED" | "FAILED";
/** The anchoring status shown to the patient: no outbox row yet, queued, on chain, or failed. */
export type AnchorStatus = "NONE" | "PENDING" | "SENT" | "CONFIRMED" | "FAILED";

export interface DocumentSummaryDto {
  id: string;
  title: string;
  kind: DocumentKindValue;
  /** yyyy-mm-dd, or null. */
  serviceDate: string | null;
  uploadedAt: Date;
  /** The stored size, else the declared size while uploading or after a failure. */
  size: number;
  /** The sniffed type once stored, else the declared type. */
  type: string;
  sha256: string | null;
  uploaderName: string;
  uploadedBySelf: boolean;
  state: DocumentStateValue;
  failureReason: string | null;
  anchorStatus: AnchorStatus;
  /** Set when the integrity scrub found the stored file, its row and the chain disagreeing. */
  integrityProblem: string | null;
}

export interface DocumentPageDto {
  items: DocumentSummaryDto[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

const listSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS).optional().catch(undefined),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  sort: z.enum(["service", "uploaded"]).catch("service").default("service"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

/** Raw filters, e.g. from the query string; anything invalid falls back to its default. */
export interface ListDocumentsInput {
  kind?: string;
  q?: string;
  sort?: string;
  page?: string | number;
}

interface DocumentRow {
  id: string;
  ownerId: string;
  uploaderId: string;
  title: string;
  kind: DocumentKindValue;
  serviceDate: Date | null;
  createdAt: Date;
  declaredType: string;
  declaredSize: bigint;
  sniffedType: string | null;
  size: bigint | null;
  sha256: string | null;
  state: string;
  failureReason: string | null;
  integrityProblem?: string | null;
}

/** Rows to DTOs, with uploader names and the latest anchor state of each document. */
export async function toDocumentSummaries(actor: Actor, rows: DocumentRow[]): Promise<DocumentSummaryDto[]> {
  const ids = rows.map((r) => r.id);
  const uploaderIds = [...new Set(rows.map((r) => r.uploaderId))];
  const [uploaders, anchors] = await Promise.all([
    db().user.findMany({ where: { id: { in: uploaderIds } }, select: { id: true, name: true, role: true } }),
    ids.length ? db().anchor.findMany({ where: { kind: "DOCUMENT", subjectId: { in: ids } }, select: { subjectId: true, state: true, createdAt: true }, orderBy: { createdAt: "asc" } }) : [],
  ]);
  const names = new Map(uploaders.map((u) => [u.id, u.role === "DOCTOR" ? `Dr. ${u.name}` : u.name]));
  const anchorState = new Map(anchors.map((a) => [a.subjectId, a.state as AnchorStatus]));
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    kind: row.kind,
    serviceDate: row.serviceDate ? row.serviceDate.toISOString().slice(0, 10) : null,
    uploadedAt: row.createdAt,
    size: Number(row.size ?? row.declaredSize),
    type: row.sniffedType ?? row.declaredType,
    sha256: row.state === "STORED" ? row.sha256 : null,
    uploaderName: names.get(row.uploaderId) ?? "Unknown",
    uploadedBySelf: row.uploaderId === actor.id,
    state: row.state as DocumentStateValue,
    failureReason: row.state === "FAILED" ? row.failureReason : null,
    anchorStatus: anchorState.get(row.id) ?? "NONE",
    integrityProblem: row.integrityProblem ?? null,
  }));
}

/**
 * The signed-in patient's own documents (deleted ones excluded), filtered by kind and title, 20 per
 * page, newest first: by date of service (undated last, then by upload date) or by upload date.
 */
export async function listOwnDocuments(actor: Actor | null, input: ListDocumentsInput = {}, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<DocumentPageDto>> {
  const auth = await authorize(actor, "document.view", { ownerId: actor?.id, type: "document" }, context);
  if (!auth.ok) return auth;
  return documentPage(auth.actor, { ownerId: auth.actor.id, state: { in: ["UPLOADING", "STORED", "FAILED"] } }, input);
}

/**
 * A patient's stored documents that the signed-in doctor's open grants cover right now (all of them,
 * or the chosen ones), with the same filters and pages. A patient without an open grant reads "not found".
 */
export async function listGrantedDocuments(actor: Actor | null, patientId: string, input: ListDocumentsInput = {}, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<DocumentPageDto>> {
  const patient = z.uuid().safeParse(patientId).success ? patientId : undefined;
  const checked = await withLedger(async () => (actor?.role === "DOCTOR" && patient ? visibleDocumentScope(actor.id, patient) : []));
  if (!checked.ok) return checked;
  const scope = checked.value;
  const granted = scope === "ALL" || scope.length > 0;
  const auth = await authorize(actor, "document.view", { ownerId: patient ?? "none", grant: granted ? "READ" : null, type: "patient", id: patient }, context);
  if (!auth.ok) return auth;
  if (!patient || !granted) return fail("NOT_FOUND", "Not found.");
  return documentPage(auth.actor, { ownerId: patient, state: "STORED", ...(scope === "ALL" ? {} : { id: { in: scope } }) }, input);
}

type DocumentWhere = NonNullable<Parameters<ReturnType<typeof db>["document"]["findMany"]>[0]>["where"];

async function documentPage(actor: Actor, base: DocumentWhere, input: ListDocumentsInput): Promise<Result<DocumentPageDto>> {
  const parsed = listSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", "Check the filters.");
  const { kind, q, sort, page } = parsed.data;
  const where = { AND: [base ?? {}, kind ? { kind } : {}, q ? { title: { contains: q, mode: "insensitive" as const } } : {}] };
  const total = await db().document.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / DOCUMENTS_PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const rows = await db().document.findMany({
    where,
    orderBy: sort === "uploaded" ? [{ createdAt: "desc" as const }, { id: "asc" as const }] : [{ serviceDate: { sort: "desc" as const, nulls: "last" as const } }, { createdAt: "desc" as const }, { id: "asc" as const }],
    skip: (current - 1) * DOCUMENTS_PAGE_SIZE,
    take: DOCUMENTS_PAGE_SIZE,
  });
  return ok({ items: await toDocumentSummaries(actor, rows), total, page: current, pageCount, pageSize: DOCUMENTS_PAGE_SIZE });
}
