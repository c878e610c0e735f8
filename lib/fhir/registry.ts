import "server-only";
import type { FhirResourceHandler } from "./handler";
import { practitionerHandler } from "./resources/practitioner";

/** Every resource type the API serves; the CapabilityStatement is generated from this list. */
export const fhirHandlers: readonly FhirResourceHandler[] = [practitionerHandler];

export function handlerFor(type: string): FhirResourceHandler | undefined {
  return fhirHandlers.find((handler) => handler.type === type);
}
