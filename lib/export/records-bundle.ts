import "server-only";
import type { Bundle, DocumentReference, Resource } from "@medplum/fhirtypes";
import type { FhirCall, FhirResourceHandler } from "@/lib/fhir/handler";
import { MAX_COUNT } from "@/lib/fhir/paging";
import { handlerFor } from "@/lib/fhir/registry";
import { fail, ok, type Result } from "@/lib/result";

/** The patient's own records, in the order they appear in the bundle. */
const RECORD_TYPES = ["Patient", "Appointment", "DocumentReference", "Consent", "AuditEvent", "Provenance"] as const;
/** Directory resources the records point at, added so the archive reads on its own. */
const REFERENCED_TYPES = new Set(["Practitioner", "PractitionerRole", "Organization"]);
const REFERENCE = /(?:^|\/)(Practitioner|PractitionerRole|Organization)\/([A-Za-z0-9\-.]{1,64})$/;

const keyOf = (resource: Resource) => `${resource.resourceType}/${resource.id}`;

/**
 * The search that selects one patient's resources of a type: `_id` for Patient, the `patient`
 * parameter elsewhere. Null when the type cannot be narrowed to a patient: a doctor's export then
 * leaves it out rather than mix in other patients' data.
 */
function patientFilter(handler: FhirResourceHandler, patientId: string): URLSearchParams | null {
  const supports = (name: string) => handler.searchParams.some((p) => p.name === name);
  if (handler.type === "Patient") return supports("_id") ? new URLSearchParams({ _id: patientId }) : null;
  return supports("patient") ? new URLSearchParams({ patient: patientId }) : null;
}

/** Every reference string inside a resource (`…reference` fields at any depth). */
function referencesIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => referencesIn(item, found));
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "reference" && typeof inner === "string") found.push(inner);
      else referencesIn(inner, found);
    }
  }
  return found;
}

/** A search run page by page to the end; a type the API does not show this caller (403/404) is empty. */
async function searchAll(call: FhirCall, handler: FhirResourceHandler, params: URLSearchParams): Promise<Result<Resource[]>> {
  const found: Resource[] = [];
  for (let offset = 0; ; offset += MAX_COUNT) {
    const page = await handler.search(call, params, { count: MAX_COUNT, offset });
    if (!page.ok) return page.error.code === "FORBIDDEN" || page.error.code === "NOT_FOUND" ? ok(found) : page;
    found.push(...page.value.matches, ...(page.value.included ?? []));
    if (page.value.matches.length === 0 || offset + MAX_COUNT >= page.value.total) return ok(found);
  }
}

/**
 * Everything the FHIR API shows `call`'s actor about one patient, gathered through the same resource
 * handlers (so the same authorization) the API uses, plus the practitioners, roles and organizations
 * those resources reference. `requireFilter` (doctors) leaves out types that cannot be narrowed to
 * the patient.
 */
export async function collectPatientResources(call: FhirCall, patientId: string, options: { requireFilter: boolean }): Promise<Result<Resource[]>> {
  const resources = new Map<string, Resource>();
  for (const type of RECORD_TYPES) {
    const handler = handlerFor(type);
    if (!handler) continue;
    const params = patientFilter(handler, patientId);
    if (!params && options.requireFilter) continue;
    const found = await searchAll(call, handler, params ?? new URLSearchParams());
    if (!found.ok) return found;
    for (const resource of found.value) resources.set(keyOf(resource), resource);
  }
  // Roles point at organizations, so follow references until nothing new turns up.
  const unreadable = new Set<string>();
  for (;;) {
    const missing = [...new Set([...resources.values()].flatMap((r) => referencesIn(r)))]
      .map((reference) => REFERENCE.exec(reference))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => ({ type: match[1]!, id: match[2]!, key: `${match[1]}/${match[2]}` }))
      .filter((ref) => REFERENCED_TYPES.has(ref.type) && !resources.has(ref.key) && !unreadable.has(ref.key));
    if (missing.length === 0) return ok([...resources.values()]);
    for (const ref of missing) {
      const handler = handlerFor(ref.type);
      const read = handler ? await handler.read(call, ref.id) : fail("NOT_FOUND", "not served");
      if (read.ok) resources.set(ref.key, read.value);
      else if (read.error.code === "NOT_FOUND" || read.error.code === "FORBIDDEN") unreadable.add(ref.key);
      else return read;
    }
  }
}

/**
 * A `collection` Bundle of the resources. Attachment URLs of exported documents point at their file
 * inside the archive (a relative, percent-encoded URL) instead of the API's short-lived links, which
 * would be dead by the time anyone reads the archive.
 */
export function collectionBundle(baseUrl: string, resources: Resource[], archivePaths: Map<string, string>, timestamp: Date): Bundle {
  return {
    resourceType: "Bundle",
    type: "collection",
    timestamp: timestamp.toISOString(),
    entry: resources.map((resource) => ({ fullUrl: `${baseUrl}/${keyOf(resource)}`, resource: withArchiveLinks(resource, archivePaths) })),
  };
}

function withArchiveLinks(resource: Resource, archivePaths: Map<string, string>): Resource {
  if (resource.resourceType !== "DocumentReference") return resource;
  const path = resource.id ? archivePaths.get(resource.id) : undefined;
  if (!path) return resource;
  const document: DocumentReference = resource;
  return { ...document, content: document.content.map((content) => ({ ...content, attachment: { ...content.attachment, url: encodeURI(path) } })) };
}
