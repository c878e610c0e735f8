import "server-only";
import { z } from "zod";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { pageOf, pageSchema, pageWindow, type PageDto } from "@/lib/pagination";
import { ok, type Result } from "@/lib/result";
import { displayedState, type GrantStateValue } from "./grant-window";

export interface GrantDto {
  id: string;
  state: GrantStateValue;
  permission: "READ" | "READ_WRITE";
  allDocuments: boolean;
  documents: { id: string; title: string }[];
  reason: string;
  requestedByDoctor: boolean;
  patient: { id: string; name: string };
  doctor: { id: string; name: string; specialty: string };
  /** The visit a grant is tied to. */
  appointment: { id: string; startsAt: Date; endsAt: Date } | null;
  durationDays: number | null;
  notBefore: Date | null;
  notAfter: Date | null;
  createdAt: Date;
  endedAt: Date | null;
  /** Where the grant's record on chain stands: doctors can read only once it is CONFIRMED. */
  ledger: "NONE" | "PENDING" | "SENT" | "CONFIRMED" | "FAILED";
}

const filterSchema = z.object({
  view: z.enum(["open", "ended"]).catch("open").default("open"),
  page: pageSchema.default(1),
});

const include = {
  documents: { select: { document: { select: { id: true, title: true, state: true } } } },
  patient: { select: { user: { select: { id: true, name: true } } } },
  doctor: { select: { specialty: true, user: { select: { id: true, name: true } } } },
  appointment: { select: { id: true, startsAt: true, endsAt: true } },
} as const;

type GrantRow = Awaited<ReturnType<typeof findGrants>>[number];

function findGrants(where: object, skip: number, take: number) {
  return db().accessGrant.findMany({ where, include, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip, take });
}

/** The state of each grant's RECORD anchor. */
async function ledgerStates(rows: GrantRow[]): Promise<Map<string, GrantDto["ledger"]>> {
  if (rows.length === 0) return new Map();
  const anchors = await db().anchor.findMany({ where: { kind: "GRANT", action: "RECORD", subjectId: { in: rows.map((r) => r.id) } }, select: { subjectId: true, state: true } });
  return new Map(anchors.map((a) => [a.subjectId, a.state]));
}

async function toDtos(rows: GrantRow[], now: Date): Promise<GrantDto[]> {
  const ledger = await ledgerStates(rows);
  return rows.map((row) => ({ ...toDto(row, now), ledger: ledger.get(row.id) ?? "NONE" }));
}

function toDto(row: GrantRow, now: Date): Omit<GrantDto, "ledger"> {
  return {
    id: row.id,
    state: displayedState(row, now),
    permission: row.permission,
    allDocuments: row.allDocuments,
    // A deleted document stays listed in the grant's history but is never readable.
    documents: row.documents.filter((d) => d.document.state !== "DELETED").map((d) => ({ id: d.document.id, title: d.document.title })),
    reason: row.reason,
    requestedByDoctor: row.requestedById === row.doctorId,
    patient: { id: row.patient.user.id, name: row.patient.user.name },
    doctor: { id: row.doctor.user.id, name: row.doctor.user.name, specialty: row.doctor.specialty },
    appointment: row.appointment,
    durationDays: row.durationDays,
    notBefore: row.notBefore,
    notAfter: row.notAfter,
    createdAt: row.createdAt,
    endedAt: row.endedAt,
  };
}

/** Open: requests waiting and grants in their window. Ended: denied, revoked, expired (and lapsed windows). */
function stateFilter(view: "open" | "ended", now: Date) {
  return view === "open"
    ? { OR: [{ state: "REQUESTED" as const }, { state: "ACTIVE" as const, notAfter: { gt: now } }] }
    : { OR: [{ state: { in: ["DENIED", "REVOKED", "EXPIRED"] as ("DENIED" | "REVOKED" | "EXPIRED")[] } }, { state: "ACTIVE" as const, notAfter: { lte: now } }] };
}

/**
 * Every grant on the caller's records (a patient) or given to the caller (a doctor), newest first,
 * open or ended, 20 per page: documents, doctor or patient, window and state.
 */
export async function listGrants(actor: Actor | null, input: { view?: string; page?: string | number } = {}, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<PageDto<GrantDto>>> {
  const auth = await authorize(actor, "grant.list_own", undefined, context);
  if (!auth.ok) return auth;
  const { view, page } = filterSchema.parse(input);
  const now = new Date();
  const where = { AND: [auth.actor.role === "DOCTOR" ? { doctorId: auth.actor.id } : { patientId: auth.actor.id }, stateFilter(view, now)] };
  const total = await db().accessGrant.count({ where });
  const window = pageWindow(page, total);
  const rows = await findGrants(where, window.skip, window.take);
  return ok(pageOf(await toDtos(rows, now), window, total));
}

/** The doctor's grants and open request for one patient (for the patient's page in the doctor's dashboard). */
export async function listGrantsForPatient(actor: Actor, patientId: string): Promise<GrantDto[]> {
  const now = new Date();
  const rows = await findGrants({ doctorId: actor.id, patientId, ...stateFilter("open", now) }, 0, 50);
  return toDtos(rows, now);
}

/** The patient's open grants that cover one of their documents (all-document grants included). */
export async function listGrantsCoveringDocument(actor: Actor | null, documentId: string, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<GrantDto[]>> {
  const auth = await authorize(actor, "grant.list_own", undefined, context);
  if (!auth.ok) return auth;
  if (auth.actor.role !== "PATIENT" || !z.uuid().safeParse(documentId).success) return ok([]);
  const now = new Date();
  const rows = await findGrants({ patientId: auth.actor.id, state: "ACTIVE", notAfter: { gt: now }, OR: [{ allDocuments: true }, { documents: { some: { documentId } } }] }, 0, 50);
  return ok(await toDtos(rows, now));
}
