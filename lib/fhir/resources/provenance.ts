import "server-only";
import type { Provenance } from "@medplum/fhirtypes";
import { fail, ok } from "@/lib/result";
import { isUuid } from "@/lib/uuid";
import type { FhirResourceHandler } from "../handler";
import { referenceId } from "../search-params";
import { chainAnchorExtension } from "./chain-anchor";
import { documentAnchors, findConfirmedDocumentAnchors, findVisibleDocumentHashes, type DocumentAnchorRow } from "./document-repository";
import { viewableDocument, visibleDocumentScopes } from "./document-visibility";

/**
 * How a document came to be provable: MedAnchor's anchoring service wrote its fingerprint on chain, in
 * the block whose time is `recorded`. One per document, under the document's own id, and only once the
 * anchor is confirmed (before that nothing has been recorded and `recorded` would have no value). The
 * chain facts ride in the same chain-anchor extension as on the DocumentReference.
 */
export function toProvenance(documentId: string, sha256: string | null, anchor: DocumentAnchorRow & { blockTime: Date }): Provenance {
  return {
    resourceType: "Provenance",
    id: documentId,
    extension: [chainAnchorExtension(sha256, anchor)],
    target: [{ reference: `DocumentReference/${documentId}` }],
    recorded: anchor.blockTime.toISOString(),
    activity: { text: "SHA-256 fingerprint anchored on chain" },
    agent: [
      {
        type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/provenance-participant-type", code: "attester", display: "Attester" }] },
        who: { type: "Device", display: "MedAnchor anchoring service" },
      },
    ],
  };
}

const confirmed = (anchor: DocumentAnchorRow | undefined): anchor is DocumentAnchorRow & { blockTime: Date } => anchor?.state === "CONFIRMED" && anchor.blockTime !== null;

/** The anchoring of the documents the caller may see (lib/fhir/resources/document-visibility). */
export const provenanceHandler: FhirResourceHandler = {
  type: "Provenance",
  isPublic: false,
  searchParams: [
    { name: "_id", type: "token", documentation: "The provenance id, which is the document's id (comma: any of several)." },
    { name: "target", type: "reference", documentation: "The document (DocumentReference/<id>)." },
    { name: "patient", type: "reference", documentation: "The patient the documents belong to (Patient/<id>)." },
  ],
  async read(call, id) {
    const found = await viewableDocument(call, id);
    if (!found.ok) return found;
    const anchor = (await documentAnchors([found.value.id])).get(found.value.id);
    return confirmed(anchor) ? ok(toProvenance(found.value.id, found.value.sha256, anchor)) : fail("NOT_FOUND", `Provenance/${id} is not known: the document is not anchored yet.`);
  },
  async search(call, params, paging) {
    const patient = params.get("patient");
    const target = params.get("target");
    const patientId = patient === null ? undefined : referenceId(patient, "Patient");
    const targetId = target === null ? undefined : referenceId(target, "DocumentReference");
    const ids = params.get("_id")?.split(",");
    if (patientId === null || targetId === null || ids?.some((id) => !isUuid(id))) return ok({ matches: [], total: 0 });
    const wanted = targetId ? (ids ? ids.filter((id) => id === targetId) : [targetId]) : ids;
    const scopes = await visibleDocumentScopes(call, patientId);
    if (!scopes.ok) return scopes;
    const hashes = await findVisibleDocumentHashes(scopes.value, { ids: wanted });
    const { rows, total } = await findConfirmedDocumentAnchors([...hashes.keys()], paging);
    return ok({ matches: rows.filter(confirmed).map((anchor) => toProvenance(anchor.subjectId, hashes.get(anchor.subjectId) ?? null, anchor)), total });
  },
};
