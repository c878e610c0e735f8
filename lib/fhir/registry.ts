import "server-only";
import type { FhirResourceHandler } from "./handler";
import { auditEventHandler } from "./resources/audit-event";
import { consentHandler } from "./resources/consent";
import { documentReferenceHandler } from "./resources/document-reference";
import { practitionerHandler } from "./resources/practitioner";
import { provenanceHandler } from "./resources/provenance";

/** Every resource type the API serves; the CapabilityStatement is generated from this list. */
export const fhirHandlers: readonly FhirResourceHandler[] = [
  practitionerHandler,
  documentReferenceHandler,
  consentHandler,
  auditEventHandler,
  provenanceHandler,
];

export function handlerFor(type: string): FhirResourceHandler | undefined {
  return fhirHandlers.find((handler) => handler.type === type);
}
