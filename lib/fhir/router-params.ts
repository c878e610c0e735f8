import type { FhirSearchParam } from "./handler";

/** Parameters every search takes besides its own. */
export const PAGING_PARAMS: FhirSearchParam[] = [
  { name: "_count", type: "token", documentation: "Page size, 0 to 100 (default 20)." },
  { name: "_offset", type: "token", documentation: "How many matches to skip; follow Bundle.link next instead of setting it." },
];

/** Accepted on any request and ignored: we only speak JSON. */
export const IGNORED_PARAMS = new Set(["_format", "_pretty"]);
