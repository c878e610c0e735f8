import "server-only";
import type { FhirResourceHandler } from "./handler";
import { appointmentHandler } from "./resources/appointment";
import { auditEventHandler } from "./resources/audit-event";
import { consentHandler } from "./resources/consent";
import { documentReferenceHandler } from "./resources/document-reference";
import { organizationHandler } from "./resources/organization";
import { patientHandler } from "./resources/patient";
import { practitionerHandler } from "./resources/practitioner";
import { practitionerRoleHandler } from "./resources/practitioner-role";
import { provenanceHandler } from "./resources/provenance";
import { scheduleHandler } from "./resources/schedule";
import { slotHandler } from "./resources/slot";

/** Every resource type the API serves; the CapabilityStatement is generated from this list. */
export const fhirHandlers: readonly FhirResourceHandler[] = [
  practitionerHandler,
  practitionerRoleHandler,
  organizationHandler,
  scheduleHandler,
  patientHandler,
  appointmentHandler,
  slotHandler,
  documentReferenceHandler,
  consentHandler,
  auditEventHandler,
  provenanceHandler,
];

export function handlerFor(type: string): FhirResourceHandler | undefined {
  return fhirHandlers.find((handler) => handler.type === type);
}
