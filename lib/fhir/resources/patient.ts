import "server-only";
import type { ContactPoint, Patient } from "@medplum/fhirtypes";
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { doctorAccess } from "@/lib/grants/doctor-access";
import { withLedger } from "@/lib/grants/ledger-check";
import { fail, ok, type Result } from "@/lib/result";
import { isUuid } from "@/lib/uuid";
import type { FhirCall, FhirResourceHandler } from "../handler";
import { findFhirPatients, findGrantCandidateIds, type FhirPatientRow } from "./patient-repository";

/** The system of Patient.identifier: the random public id patients and doctors see in the app. */
export const PATIENT_ID_SYSTEM = "urn:medanchor:patient-id";

export function toPatient(row: FhirPatientRow): Patient {
  const telecom: ContactPoint[] = [{ system: "email", value: row.email }];
  if (row.phone) telecom.push({ system: "phone", value: row.phone });
  return {
    resourceType: "Patient",
    id: row.patientId,
    identifier: [{ system: PATIENT_ID_SYSTEM, value: row.publicId }],
    active: true,
    name: [{ text: row.name }],
    birthDate: row.dateOfBirth.toISOString().slice(0, 10),
    telecom,
  };
}

/**
 * The patients the caller may see: a patient only themself; a doctor the patients whose open grant
 * (ACTIVE, inside its window, confirmed on chain) names them, decided by lib/grants/doctor-access.ts on
 * this request, so a revoked grant hides the patient on the next one. An unreachable chain is UNAVAILABLE.
 */
async function visiblePatientIds(call: FhirCall, actor: Actor, filter: { ids?: string[]; name?: string }): Promise<Result<string[]>> {
  if (actor.role === "PATIENT") {
    const own = await authorize(actor, "profile.read_own", { ownerId: actor.id, type: "patient", id: actor.id }, call.context);
    if (!own.ok) return own;
    if (filter.ids && !filter.ids.includes(actor.id)) return ok([]);
    return ok((await findFhirPatients({ ids: [actor.id], name: filter.name })).map((row) => row.patientId));
  }
  const allowed = await authorize(actor, "patient.list_own", { type: "patient" }, call.context);
  if (!allowed.ok) return allowed;
  const candidates = await findGrantCandidateIds(actor.id, filter);
  const now = new Date();
  return withLedger(async () => {
    const access = await Promise.all(candidates.map((patientId) => doctorAccess(actor.id, patientId, { now })));
    return candidates.filter((_, index) => access[index] !== null);
  });
}

export const patientHandler: FhirResourceHandler = {
  type: "Patient",
  isPublic: false,
  searchParams: [
    { name: "_id", type: "token", documentation: "The patient's id." },
    { name: "name", type: "string", documentation: "Part of the patient's name (case-insensitive); for doctors choosing among the patients who granted them access." },
  ],
  async read(call, id) {
    const actor = call.actor!;
    const hidden = fail("NOT_FOUND", `Patient/${id} is not known.`);
    if (!isUuid(id)) return hidden;
    if (actor.role === "PATIENT") {
      const own = await authorize(actor, "profile.read_own", { ownerId: id, type: "patient", id }, call.context);
      if (!own.ok) return own;
    } else {
      const access = await withLedger(() => doctorAccess(actor.id, id));
      if (!access.ok) return access;
      const allowed = await authorize(actor, "patient.read_records", { doctorId: access.value ? actor.id : undefined, type: "patient", id }, call.context);
      if (!allowed.ok) return allowed;
    }
    const [row] = await findFhirPatients({ ids: [id] });
    return row ? ok(toPatient(row)) : hidden;
  },
  async search(call, params, paging) {
    const id = params.get("_id");
    if (id !== null && !isUuid(id)) return ok({ matches: [], total: 0 });
    const name = params.get("name") ?? undefined;
    const visible = await visiblePatientIds(call, call.actor!, { ids: id === null ? undefined : [id], name });
    if (!visible.ok) return visible;
    const pageIds = visible.value.slice(paging.offset, paging.offset + paging.count);
    const rows = pageIds.length === 0 ? [] : await findFhirPatients({ ids: pageIds, name });
    return ok({ matches: rows.map(toPatient), total: visible.value.length });
  },
};
