import type { Resource, ResourceType } from "@medplum/fhirtypes";
import type { Result } from "@/lib/result";
import type { FhirCaller } from "./caller";
import type { Paging } from "./paging";

/** A search parameter as the CapabilityStatement lists it. */
export interface FhirSearchParam {
  name: string;
  type: "token" | "reference" | "date" | "string";
  documentation: string;
}

/** One request to the API: the caller, and the absolute base URL for references and links. */
export interface FhirCall extends FhirCaller {
  baseUrl: string;
  /** The app's origin, for links to the app's own routes (attachment bytes). */
  origin: string;
}

export interface FhirSearchResult {
  matches: Resource[];
  total: number;
  included?: Resource[];
}

/**
 * What each resource type of the API provides. Handlers authorize inside (through lib/authz) like every
 * service; the router has already checked the token's scopes for non-public types.
 */
export interface FhirResourceHandler {
  type: ResourceType;
  /** Readable without a token (the public directory of verified doctors and facilities). */
  isPublic: boolean;
  searchParams: FhirSearchParam[];
  /** `_include` values supported, e.g. `PractitionerRole:practitioner`. */
  includes?: string[];
  read(call: FhirCall, id: string): Promise<Result<Resource>>;
  search(call: FhirCall, params: URLSearchParams, paging: Paging): Promise<Result<FhirSearchResult>>;
}
