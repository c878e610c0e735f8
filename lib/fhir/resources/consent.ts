import "server-only";
import type { Consent, ConsentProvision } from "@medplum/fhirtypes";
import { authorize } from "@/lib/authz/authorize";
import { displayedState, type GrantStateValue } from "@/lib/grants/grant-window";
import { fail, ok } from "@/lib/result";
import { isUuid } from "@/lib/uuid";
import type { FhirResourceHandler } from "../handler";
import { referenceId, tokenCode } from "../search-params";
import { findGrant, findGrants, type ConsentGrantRow } from "./consent-repository";

type ConsentStatus = "proposed" | "active" | "rejected" | "inactive";

/** A request waits for the patient (proposed); a revoked or expired grant no longer applies (inactive). */
const STATUS: Record<GrantStateValue, ConsentStatus> = { REQUESTED: "proposed", ACTIVE: "active", DENIED: "rejected", REVOKED: "inactive", EXPIRED: "inactive" };
const STATES_FOR = Object.entries(STATUS).reduce<Record<string, GrantStateValue[]>>((acc, [state, status]) => ({ ...acc, [status]: [...(acc[status] ?? []), state as GrantStateValue] }), {});

const CONSENT_ACTION = "http://terminology.hl7.org/CodeSystem/consentaction";

/**
 * An access grant as a privacy Consent: the patient permits one doctor (the information recipient) to
 * access their documents between notBefore and notAfter. READ_WRITE also lets the doctor add documents to
 * the record; `correct` is the nearest consent action. A grant on all documents (including later ones)
 * has no `data` entries: in FHIR a provision without data applies to all of the patient's data, which is
 * exactly its meaning. The opt-in policy rule satisfies ppc-1 (a consent names a policy or policy rule).
 */
export function toConsent(row: ConsentGrantRow, now: Date): Consent {
  const provision: ConsentProvision = {
    type: "permit",
    ...(row.notBefore && row.notAfter ? { period: { start: row.notBefore.toISOString(), end: row.notAfter.toISOString() } } : {}),
    actor: [
      {
        role: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: "IRCP", display: "information recipient" }] },
        reference: { reference: `Practitioner/${row.doctorId}` },
      },
    ],
    action: [
      { coding: [{ system: CONSENT_ACTION, code: "access", display: "Access" }] },
      ...(row.permission === "READ_WRITE" ? [{ coding: [{ system: CONSENT_ACTION, code: "correct", display: "Access and Correct" }] }] : []),
    ],
    ...(row.allDocuments ? {} : { data: row.documents.map((d) => ({ meaning: "instance" as const, reference: { reference: `DocumentReference/${d.documentId}` } })) }),
  };
  return {
    resourceType: "Consent",
    id: row.id,
    status: STATUS[displayedState(row, now)],
    scope: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "patient-privacy", display: "Privacy Consent" }] },
    category: [{ coding: [{ system: "http://loinc.org", code: "59284-0", display: "Patient Consent" }] }],
    patient: { reference: `Patient/${row.patientId}` },
    dateTime: (row.decidedAt ?? row.createdAt).toISOString(),
    // The patient is the one who consents, once they have decided (a request is only proposed).
    ...(row.decidedAt ? { performer: [{ reference: `Patient/${row.patientId}` }] } : {}),
    policyRule: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "OPTIN", display: "opt-in" }] },
    provision,
  };
}

/** Patients read the grants on their records; verified doctors the grants given to them (any state). */
export const consentHandler: FhirResourceHandler = {
  type: "Consent",
  isPublic: false,
  searchParams: [
    { name: "_id", type: "token", documentation: "The grant's id (comma: any of several)." },
    { name: "patient", type: "reference", documentation: "The patient who grants access (Patient/<id>)." },
    { name: "actor", type: "reference", documentation: "The doctor access is granted to (Practitioner/<id>)." },
    { name: "status", type: "token", documentation: "proposed (requested), active, rejected (denied), inactive (revoked or expired); comma: any of several." },
  ],
  async read(call, id) {
    const auth = await authorize(call.actor, "grant.list_own", undefined, call.context);
    if (!auth.ok) return auth;
    const row = isUuid(id) ? await findGrant(id) : null;
    // Someone else's grant reads exactly like an unknown one.
    if (!row || (row.patientId !== auth.actor.id && row.doctorId !== auth.actor.id)) return fail("NOT_FOUND", `Consent/${id} is not known.`);
    return ok(toConsent(row, new Date()));
  },
  async search(call, params, paging) {
    const auth = await authorize(call.actor, "grant.list_own", undefined, call.context);
    if (!auth.ok) return auth;
    const patient = params.get("patient");
    const actor = params.get("actor");
    const patientId = patient === null ? undefined : referenceId(patient, "Patient");
    const doctorId = actor === null ? undefined : referenceId(actor, "Practitioner");
    const ids = params.get("_id")?.split(",");
    const statuses = params.get("status")?.split(",").map(tokenCode);
    const states = statuses?.flatMap((status) => STATES_FOR[status] ?? []);
    if (patientId === null || doctorId === null || ids?.some((id) => !isUuid(id)) || states?.length === 0) return ok({ matches: [], total: 0 });
    const own = auth.actor.role === "PATIENT" ? { patientId: auth.actor.id, doctorId } : { doctorId: auth.actor.id, patientId };
    // A filter naming someone else than the caller on their own side matches nothing.
    if ((auth.actor.role === "PATIENT" && patientId && patientId !== auth.actor.id) || (auth.actor.role === "DOCTOR" && doctorId && doctorId !== auth.actor.id)) return ok({ matches: [], total: 0 });
    const now = new Date();
    const { rows, total } = await findGrants({ ...own, ids, states }, now, paging);
    return ok({ matches: rows.map((row) => toConsent(row, now)), total });
  },
};
