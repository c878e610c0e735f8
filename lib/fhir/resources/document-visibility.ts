import "server-only";
import { authorize } from "@/lib/authz/authorize";
import { grantPermissionFor } from "@/lib/grants/grant-for";
import { visibleDocumentScope } from "@/lib/grants/doctor-access";
import { withLedger } from "@/lib/grants/ledger-check";
import { fail, ok, type Result } from "@/lib/result";
import { isUuid } from "@/lib/uuid";
import type { FhirCall } from "../handler";
import { findStoredDocument, patientsWithOpenGrants, type DocumentScope, type FhirDocumentRow } from "./document-repository";

/**
 * The stored documents the caller may see, as the app decides it: a patient their own; a verified doctor
 * those that an open, chain-confirmed grant covers right now (lib/grants/doctor-access), so a revoked or
 * expired grant hides them on the next request. `patientId` narrows to one patient (undefined: all).
 */
export async function visibleDocumentScopes(call: FhirCall, patientId?: string): Promise<Result<DocumentScope[]>> {
  const actor = call.actor;
  const auth = actor?.role === "DOCTOR" ? await authorize(actor, "patient.list_own", undefined, call.context) : await authorize(actor, "document.view", { ownerId: actor?.id, type: "document" }, call.context);
  if (!auth.ok) return auth;
  if (auth.actor.role === "PATIENT") return ok(patientId === undefined || patientId === auth.actor.id ? [{ ownerId: auth.actor.id, ids: "ALL" }] : []);
  const doctorId = auth.actor.id;
  const now = new Date();
  return withLedger(async () => {
    const patients = await patientsWithOpenGrants(doctorId, now, patientId);
    return Promise.all(patients.map(async (ownerId) => ({ ownerId, ids: await visibleDocumentScope(doctorId, ownerId, now) })));
  });
}

/**
 * One stored document for whoever may view it (document.view, with the doctor's grant found on this
 * request); anyone else's, a deleted or an unknown id is NOT_FOUND, and the refusal is audited.
 */
export async function viewableDocument(call: FhirCall, id: string): Promise<Result<FhirDocumentRow>> {
  const document = isUuid(id) ? await findStoredDocument(id) : null;
  const grant = await withLedger(() => grantPermissionFor(call.actor, document?.ownerId, document?.id));
  if (!grant.ok) return grant;
  const auth = await authorize(call.actor, "document.view", { ownerId: document?.ownerId ?? "none", grant: grant.value, type: "document", id: isUuid(id) ? id : undefined }, call.context);
  if (!auth.ok) return auth;
  return document ? ok(document) : fail("NOT_FOUND", "Not found.");
}
