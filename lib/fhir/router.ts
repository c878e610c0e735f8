import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { RequestContext } from "@/lib/authz/actor";
import { searchsetBundle } from "./bundle";
import { capabilityStatement } from "./capability-statement";
import { requireScope, resolveFhirCaller } from "./caller";
import type { FhirCall, FhirResourceHandler } from "./handler";
import { errorResponse, fhirResponse, notSupported } from "./http";
import { parsePaging } from "./paging";
import { handlerFor } from "./registry";
import { IGNORED_PARAMS, PAGING_PARAMS } from "./router-params";

export const FHIR_BASE_PATH = "/fhir/R4";
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * GET /fhir/R4/<path>: metadata, `<Type>` (search) and `<Type>/<id>` (read). Every other shape is an
 * OperationOutcome. Non-public types need a token with a matching scope; each handler then authorizes
 * the actor like the app's own services, and every answered read or search of patient data is audited.
 */
export async function handleFhirGet(request: Request, path: string[], context: RequestContext): Promise<Response> {
  const url = new URL(request.url);
  const baseUrl = `${url.origin}${FHIR_BASE_PATH}`;
  if (path.length === 1 && path[0] === "metadata") return fhirResponse(capabilityStatement(baseUrl));
  const handler = path.length >= 1 && path.length <= 2 ? handlerFor(path[0]!) : undefined;
  if (!handler) return notSupported(path.length === 0 ? "Name a resource type, e.g. /fhir/R4/Practitioner, or read /fhir/R4/metadata." : `${path.join("/")} is not supported; see /fhir/R4/metadata.`);

  const caller = await resolveFhirCaller(request.headers.get("authorization"), context);
  if (!caller.ok) return errorResponse(caller.error.code, caller.error.message);
  const call: FhirCall = { ...caller.value, baseUrl, origin: url.origin };
  if (!handler.isPublic) {
    const scoped = requireScope(call, handler.type);
    if (!scoped.ok) {
      if (call.actor) await auditFhir(call, handler, "DENY", { id: path[1], reason: "scope" });
      return errorResponse(scoped.error.code, scoped.error.message);
    }
  }
  return path.length === 2 ? read(call, handler, path[1]!) : search(call, handler, url);
}

async function read(call: FhirCall, handler: FhirResourceHandler, id: string): Promise<Response> {
  if (!FHIR_ID.test(id)) return errorResponse("NOT_FOUND", `${handler.type}/${id} is not known.`);
  const result = await handler.read(call, id);
  if (!result.ok) return errorResponse(result.error.code, result.error.message);
  if (!handler.isPublic) await auditFhir(call, handler, "ALLOW", { id });
  return fhirResponse(result.value);
}

async function search(call: FhirCall, handler: FhirResourceHandler, url: URL): Promise<Response> {
  const known = new Set([...handler.searchParams, ...PAGING_PARAMS].map((p) => p.name).concat(handler.includes?.length ? ["_include"] : []));
  const unknown = [...url.searchParams.keys()].filter((name) => !known.has(name) && !IGNORED_PARAMS.has(name));
  if (unknown.length > 0) return errorResponse("VALIDATION", `Unknown search parameter ${unknown[0]} for ${handler.type}; see /fhir/R4/metadata.`);
  const include = url.searchParams.getAll("_include").find((value) => !handler.includes?.includes(value));
  if (include) return errorResponse("VALIDATION", `_include=${include} is not supported for ${handler.type}.`);
  const paging = parsePaging(url.searchParams);
  if (!paging.ok) return errorResponse("VALIDATION", paging.message);
  const result = await handler.search(call, url.searchParams, paging.paging);
  if (!result.ok) return errorResponse(result.error.code, result.error.message);
  if (!handler.isPublic) await auditFhir(call, handler, "ALLOW", { total: result.value.total });
  return fhirResponse(searchsetBundle({ baseUrl: call.baseUrl, requestUrl: url, ...result.value, paging: paging.paging }));
}

/** FHIR reads are audited like page views: who, which type, which id (no query values: they may be personal). */
function auditFhir(call: FhirCall, handler: FhirResourceHandler, outcome: "ALLOW" | "DENY", facts: { id?: string; total?: number; reason?: string }) {
  return recordAuditEvent({
    actorId: call.actor?.id ?? null,
    actorRole: call.actor?.role ?? null,
    action: facts.id !== undefined ? "fhir.read" : "fhir.search",
    subjectType: handler.type,
    subjectId: facts.id,
    outcome,
    ip: call.context.ip,
    userAgent: call.context.userAgent,
    details: { tokenId: call.tokenId, ...(facts.total !== undefined ? { total: facts.total } : {}), ...(facts.reason ? { reason: facts.reason } : {}) },
  });
}
