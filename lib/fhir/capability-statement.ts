import "server-only";
import type { CapabilityStatement } from "@medplum/fhirtypes";
import { serverEnv } from "@/lib/env";
import { PAGING_PARAMS } from "./router-params";
import { fhirHandlers } from "./registry";

/** Exactly what the API supports: read and search-type on the registered resources, JSON only. */
export function capabilityStatement(baseUrl: string): CapabilityStatement {
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date: "2026-12-01",
    kind: "instance",
    fhirVersion: "4.0.1",
    format: ["application/fhir+json", "json"],
    software: { name: "MedAnchor", version: serverEnv().appVersion },
    implementation: { description: "MedAnchor FHIR R4 read and search API", url: baseUrl },
    rest: [
      {
        mode: "server",
        documentation: "Read-only. Practitioner, PractitionerRole, Organization and Schedule are public; everything else needs a personal access token (Authorization: Bearer) whose scopes include the type.",
        security: {
          description: "Personal access tokens created on the account's API tokens page; SMART-style scopes such as patient/*.read or user/DocumentReference.read.",
          service: [{ text: "Bearer token", coding: [{ system: "http://terminology.hl7.org/CodeSystem/restful-security-service", code: "SMART-on-FHIR" }] }],
        },
        resource: fhirHandlers.map((handler) => ({
          type: handler.type,
          interaction: [{ code: "read" as const }, { code: "search-type" as const }],
          ...(handler.includes?.length ? { searchInclude: handler.includes } : {}),
          searchParam: [...handler.searchParams, ...PAGING_PARAMS].map(({ name, type, documentation }) => ({ name, type, documentation })),
        })),
      },
    ],
  };
}
