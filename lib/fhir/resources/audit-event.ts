import "server-only";
import type { AuditEvent, AuditEventAgent } from "@medplum/fhirtypes";
import { authorize } from "@/lib/authz/authorize";
import { fail, ok } from "@/lib/result";
import type { FhirCall, FhirResourceHandler } from "../handler";
import type { Paging } from "../paging";
import { parseDateBounds, referenceId } from "../search-params";
import { findAccessLog, type AccessLogFilter, type AccessLogRow } from "./access-log-repository";

export const AUDIT_ACTION_SYSTEM = "https://medanchor.example/fhir/CodeSystem/audit-action";

type CrudCode = "C" | "R" | "U" | "D" | "E";

/** The audit actions of the patient's access log (lib/documents/access-log.ts), and what each did. */
const ACTIONS: Record<string, { display: string; action: CrudCode }> = {
  "document.view": { display: "Viewed a document", action: "R" },
  "document.download": { display: "Downloaded a document", action: "R" },
  "document.upload": { display: "Uploaded a document", action: "C" },
  "document.delete": { display: "Deleted a document", action: "D" },
  "authz.deny": { display: "Refused access", action: "E" },
  "grant.request": { display: "Requested access", action: "C" },
  "grant.approve": { display: "Approved an access request", action: "U" },
  "grant.deny": { display: "Denied an access request", action: "U" },
  "grant.create": { display: "Granted access", action: "C" },
  "grant.revoke": { display: "Revoked access", action: "U" },
  "grant.expire": { display: "Access expired", action: "U" },
};

/** A refusal carries what was attempted: a refused view is a refused read, and so on. */
function attemptedAction(row: AccessLogRow): CrudCode {
  const attempted = typeof row.details === "object" && row.details && !Array.isArray(row.details) ? row.details.attempted : undefined;
  if (attempted === "document.view") return "R";
  if (attempted === "document.delete") return "D";
  if (typeof attempted === "string" && attempted.startsWith("document.upload")) return "C";
  return "E";
}

/** Who acted: a doctor or the patient by reference; the worker (expiries) and administrators by name only. */
function agent(row: AccessLogRow): AuditEventAgent {
  if (!row.actorId) return { who: { display: "MedAnchor" }, requestor: false };
  const who: AuditEventAgent["who"] = row.actorRole === "DOCTOR" ? { reference: `Practitioner/${row.actorId}` } : row.actorRole === "PATIENT" ? { reference: `Patient/${row.actorId}` } : { display: "MedAnchor administrator" };
  return { who, requestor: true };
}

/**
 * One entry of the patient's access log. Every entry concerns the patient's record, so the type is
 * DICOM "Patient Record"; our own action code is the subtype. Outcome 0 is success, 4 a minor failure
 * (a refused attempt: nothing was disclosed). No IP address or user agent: the log says who and what.
 */
export function toAuditEvent(row: AccessLogRow): AuditEvent {
  const known = ACTIONS[row.action]!;
  const denied = row.outcome === "DENY";
  const isGrant = row.subjectType === "grant";
  return {
    resourceType: "AuditEvent",
    id: row.id.toString(),
    type: { system: "http://dicom.nema.org/resources/ontology/DCM", code: "110110", display: "Patient Record" },
    subtype: [{ system: AUDIT_ACTION_SYSTEM, code: row.action, display: known.display }],
    action: row.action === "authz.deny" ? attemptedAction(row) : known.action,
    recorded: row.at.toISOString(),
    outcome: denied ? "4" : "0",
    ...(denied ? { outcomeDesc: "Refused: the requester had no access." } : {}),
    agent: [agent(row)],
    source: { observer: { display: "MedAnchor" }, type: [{ system: "http://terminology.hl7.org/CodeSystem/security-source-type", code: "4", display: "Application Server" }] },
    ...(row.subjectId
      ? {
          entity: [
            {
              what: { reference: `${isGrant ? "Consent" : "DocumentReference"}/${row.subjectId}` },
              type: { system: "http://hl7.org/fhir/resource-types", code: isGrant ? "Consent" : "DocumentReference" },
            },
          ],
        }
      : {}),
  };
}

const AUDIT_ID = /^\d{1,18}$/;

async function ownLog(call: FhirCall, filter: AccessLogFilter, paging: Paging) {
  const auth = await authorize(call.actor, "document.read_access_log", { ownerId: call.actor?.id, type: "user", id: call.actor?.id }, call.context);
  if (!auth.ok) return auth;
  return ok(await findAccessLog(auth.actor.id, Object.keys(ACTIONS), filter, paging));
}

/** The patient's own access log ("who opened my files"); doctors have none here. */
export const auditEventHandler: FhirResourceHandler = {
  type: "AuditEvent",
  isPublic: false,
  searchParams: [
    { name: "_id", type: "token", documentation: "The entry's id (comma: any of several)." },
    { name: "patient", type: "reference", documentation: "The patient whose records the entry concerns: only yourself (Patient/<id>)." },
    { name: "date", type: "date", documentation: "When it happened, with ge/gt/le/lt/eq prefixes." },
  ],
  async read(call, id) {
    if (!AUDIT_ID.test(id)) return fail("NOT_FOUND", `AuditEvent/${id} is not known.`);
    const found = await ownLog(call, { ids: [BigInt(id)] }, { count: 1, offset: 0 });
    if (!found.ok) return found;
    const row = found.value.rows[0];
    return row ? ok(toAuditEvent(row)) : fail("NOT_FOUND", `AuditEvent/${id} is not known.`);
  },
  async search(call, params, paging) {
    // A doctor has no access log of their own here: nothing to see, rather than an error.
    if (call.actor?.role === "DOCTOR") return ok({ matches: [], total: 0 });
    const date = parseDateBounds(params.getAll("date"));
    if (!date.ok) return date;
    const patient = params.get("patient");
    const ids = params.get("_id")?.split(",");
    if ((patient !== null && referenceId(patient, "Patient") !== call.actor?.id) || ids?.some((id) => !AUDIT_ID.test(id))) return ok({ matches: [], total: 0 });
    const found = await ownLog(call, { ids: ids?.map((id) => BigInt(id)), after: date.value.after, before: date.value.before }, paging);
    if (!found.ok) return found;
    return ok({ matches: found.value.rows.map(toAuditEvent), total: found.value.total });
  },
};
