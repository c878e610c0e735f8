/**
 * Matrix entries of the observability capability (app/api/metrics), included by index.ts. The cells run in
 * lib/authz/authorization-matrix.integration.test.ts through metrics-matrix-check.ts.
 */
import type { PublicEntry } from "./matrix-types";

export const METRICS_MATRIX: PublicEntry[] = [
  {
    kind: "public-route",
    file: "app/api/metrics/route.ts",
    export: "GET",
    calls: "readMetrics(await currentActor(),",
    justification:
      "Only the routing is public. readMetrics authorizes metrics.read (administrators with a second factor) for the session's user, or accepts a bearer token equal to METRICS_TOKEN compared in constant time: signed out gets 401, any other user 403, a wrong or malformed token 401. The exposition holds counts, durations and queue depths only.",
  },
];
