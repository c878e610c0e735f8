import "server-only";
import type { CodeableConcept, DocumentReference } from "@medplum/fhirtypes";
import type { DocumentKind } from "@/lib/db/generated/enums";
import { signContentLink } from "@/lib/documents/content-link";
import { ok } from "@/lib/result";
import { isUuid } from "@/lib/uuid";
import type { FhirCall, FhirResourceHandler } from "../handler";
import { parseDateBounds, referenceId, tokenCode } from "../search-params";
import { chainAnchorExtension } from "./chain-anchor";
import { documentAnchors, findVisibleDocuments, type DocumentAnchorRow, type DocumentFilter, type FhirDocumentRow } from "./document-repository";
import { viewableDocument, visibleDocumentScopes } from "./document-visibility";

export const DOCUMENT_KIND_SYSTEM = "https://medanchor.example/fhir/CodeSystem/document-kind";
const LOINC = "http://loinc.org";
const UNSIGNED_INT_MAX = 2_147_483_647;

/**
 * Our kinds with the LOINC document codes that plainly mean the same. REPORT (any clinical report) and
 * OTHER have no single LOINC equivalent, so they carry only our own code and text rather than a guess.
 */
const KIND_CODES: Record<DocumentKind, { text: string; loinc?: { code: string; display: string } }> = {
  LAB_RESULT: { text: "Lab result", loinc: { code: "11502-2", display: "Laboratory report" } },
  IMAGING: { text: "Imaging", loinc: { code: "18748-4", display: "Diagnostic imaging study" } },
  PRESCRIPTION: { text: "Prescription", loinc: { code: "57833-6", display: "Prescription for medication" } },
  REFERRAL: { text: "Referral", loinc: { code: "57133-1", display: "Referral note" } },
  REPORT: { text: "Report" },
  OTHER: { text: "Other document" },
};

export function documentType(kind: DocumentKind): CodeableConcept {
  const { text, loinc } = KIND_CODES[kind];
  return { coding: [{ system: DOCUMENT_KIND_SYSTEM, code: kind, display: text }, ...(loinc ? [{ system: LOINC, ...loinc }] : [])], text };
}

/** `type=LAB_RESULT`, `type=http://loinc.org|11502-2` or `type=11502-2` (comma: any of them). */
function kindsFor(values: string[]): DocumentKind[] {
  const codes = new Set(values.flatMap((value) => value.split(",")).map(tokenCode));
  return (Object.keys(KIND_CODES) as DocumentKind[]).filter((kind) => codes.has(kind) || codes.has(KIND_CODES[kind].loinc?.code ?? ""));
}

/**
 * A stored document. Deleted documents are left out rather than shown as `entered-in-error`: the
 * patient withdrew them (their key is shredded, the bytes are gone), they were not entered in error, and
 * the app shows them to nobody. The attachment URL is a five-minute link to the bytes bound to the caller;
 * following it runs the same access check again. attachment.hash is SHA-1 by definition, so the SHA-256
 * we anchor goes in the chain-anchor extension instead.
 */
export function toDocumentReference(call: FhirCall, row: FhirDocumentRow, anchor: DocumentAnchorRow | undefined): DocumentReference {
  const size = Number(row.size ?? 0);
  const link = signContentLink(call.actor!.id, row.id);
  return {
    resourceType: "DocumentReference",
    id: row.id,
    extension: [chainAnchorExtension(row.sha256, anchor)],
    status: "current",
    type: documentType(row.kind),
    subject: { reference: `Patient/${row.ownerId}` },
    ...(row.storedAt ? { date: row.storedAt.toISOString() } : {}),
    author: [{ reference: row.uploaderRole === "DOCTOR" ? `Practitioner/${row.uploaderId}` : `Patient/${row.ownerId}` }],
    description: row.title,
    content: [
      {
        attachment: {
          contentType: row.sniffedType ?? undefined,
          // unsignedInt is 32-bit: a larger file goes without a size rather than with a wrong one.
          ...(size <= UNSIGNED_INT_MAX ? { size } : {}),
          title: row.title,
          url: `${call.origin}/api/documents/${row.id}/content?link=${encodeURIComponent(link)}`,
          ...(row.storedAt ? { creation: row.storedAt.toISOString() } : {}),
        },
      },
    ],
    ...(row.serviceDate ? { context: { period: { start: row.serviceDate.toISOString().slice(0, 10), end: row.serviceDate.toISOString().slice(0, 10) } } } : {}),
  };
}

async function toResources(call: FhirCall, rows: FhirDocumentRow[]): Promise<DocumentReference[]> {
  const anchors = await documentAnchors(rows.map((row) => row.id));
  return rows.map((row) => toDocumentReference(call, row, anchors.get(row.id)));
}

/** Patients read their stored documents; doctors those their open grants cover right now. */
export const documentReferenceHandler: FhirResourceHandler = {
  type: "DocumentReference",
  isPublic: false,
  searchParams: [
    { name: "_id", type: "token", documentation: "The document's id (comma: any of several)." },
    { name: "patient", type: "reference", documentation: "The patient the document belongs to (Patient/<id>)." },
    { name: "type", type: "token", documentation: "Kind of document: our code (LAB_RESULT, IMAGING, PRESCRIPTION, REPORT, REFERRAL, OTHER) or its LOINC code." },
    { name: "date", type: "date", documentation: "When the document was stored, with ge/gt/le/lt/eq prefixes." },
  ],
  async read(call, id) {
    const found = await viewableDocument(call, id);
    if (!found.ok) return found;
    return ok((await toResources(call, [found.value]))[0]!);
  },
  async search(call, params, paging) {
    const date = parseDateBounds(params.getAll("date"));
    if (!date.ok) return date;
    const patient = params.get("patient");
    const patientId = patient === null ? undefined : referenceId(patient, "Patient");
    const ids = params.get("_id")?.split(",");
    const types = params.getAll("type");
    if (patientId === null || ids?.some((id) => !isUuid(id))) return ok({ matches: [], total: 0 });
    const scopes = await visibleDocumentScopes(call, patientId);
    if (!scopes.ok) return scopes;
    const filter: DocumentFilter = { ids, kinds: types.length ? kindsFor(types) : undefined, storedAfter: date.value.after, storedBefore: date.value.before };
    const { rows, total } = await findVisibleDocuments(scopes.value, filter, paging);
    return ok({ matches: await toResources(call, rows), total });
  },
};
