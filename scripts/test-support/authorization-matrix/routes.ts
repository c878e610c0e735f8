/** Authorization matrix entries: Route handlers: auth, health, uploads, document content and receipts, export, the RPC proxy and FHIR (app/api, app/fhir). See index.ts for what the matrix is. */
import type { MatrixEntry, PublicEntry } from "./matrix-types";

export const ROUTE_MATRIX: MatrixEntry[] = [
  // app/api/auth/[...nextauth]/route.ts
  {
    kind: "public-route",
    file: "app/api/auth/[...nextauth]/route.ts",
    export: "GET",
    calls: "@/lib/auth/route-handlers",
    justification: "Auth.js's own endpoints (CSRF token, the caller's own session, providers). They reveal nothing but the caller's own session id; signing in goes through loginAction.",
  },
  {
    kind: "public-route",
    file: "app/api/auth/[...nextauth]/route.ts",
    export: "POST",
    calls: "@/lib/auth/route-handlers",
    justification: "Auth.js's own endpoints (sign-out, CSRF-protected callbacks). A credentials callback still goes through verifyLogin.",
  },
  // app/api/health/route.ts
  {
    kind: "public-route",
    file: "app/api/health/route.ts",
    export: "GET",
    calls: "checkHealth(",
    justification: "Liveness and readiness for load balancers and the dev script: up/down per dependency, latencies, chain id and contract address; no personal data.",
  },
  // app/api/uploads/[uploadId]/route.ts: reachable by anyone, like every route handler; the service
  // authorizes (document.upload) with the caller from currentActor(), the matrix test checks both.
  {
    kind: "public-route",
    file: "app/api/uploads/[uploadId]/route.ts",
    export: "PUT",
    calls: "receiveUpload(uploadId, await currentActor(),",
    justification: "Only the routing is public. receiveUpload authorizes document.upload with the caller from currentActor() and claims a one-time upload id bound to that user: signed out gets 401, anyone else's id 404.",
  },
  // app/api/documents/[documentId]/content/route.ts
  {
    kind: "public-route",
    file: "app/api/documents/[documentId]/content/route.ts",
    export: "GET",
    calls: "openDocumentContent(await contentRequester(url, documentId), documentId,",
    justification: "Only the routing is public. openDocumentContent authorizes document.view on every request for the session's user, or for the user a short-lived `?link=` token (signed for that user and that document) names, loaded fresh: signed out or a bad link gets 401; anyone but the owning patient or a doctor whose open grant covers the document, 404.",
  },
  // app/api/export/route.ts
  {
    kind: "public-route",
    file: "app/api/export/route.ts",
    export: "GET",
    calls: "exportPatientRecords(await currentActor(),",
    justification: "Only the routing is public. exportPatientRecords authorizes document.read_access_log for the caller's own records (the archive holds their access log): signed out gets 401, a doctor or an admin 404; a patient only ever gets their own records.",
  },
  // app/api/export/patients/[patientId]/route.ts
  {
    kind: "public-route",
    file: "app/api/export/patients/[patientId]/route.ts",
    export: "GET",
    calls: "exportGrantedRecords(await currentActor(), { patientId },",
    justification: "Only the routing is public. exportGrantedRecords authorizes document.view through the caller's open, chain-confirmed grant for that patient: signed out gets 401; without such a grant (or as the patient themself), 404.",
  },
  // app/api/documents/[documentId]/receipt/route.ts
  {
    kind: "public-route",
    file: "app/api/documents/[documentId]/receipt/route.ts",
    export: "GET",
    calls: "getDocumentReceipt(await currentActor(), { documentId },",
    justification: "Only the routing is public. getDocumentReceipt authorizes document.view with the caller from currentActor() on every request: signed out gets 401; anyone but the owning patient or a doctor whose open grant covers the document, 404; before the anchor is confirmed, 409.",
  },
  // app/api/rpc/route.ts
  {
    kind: "public-route",
    file: "app/api/rpc/route.ts",
    export: "POST",
    calls: "proxyRpc(request",
    justification: "The default node of the public /verify page: a read-only JSON-RPC proxy to the chain, which holds only salted commitments and no personal data. Only read methods pass (eth_call, eth_getLogs over a bounded range, blocks, receipts...); sending transactions, signing and node control (anvil_*, evm_*, debug_*) are refused; bodies and batches are size-limited.",
  },
  // app/fhir/R4/[[...path]]/route.ts
  {
    kind: "public-route",
    file: "app/fhir/R4/[[...path]]/route.ts",
    export: "GET",
    calls: "handleFhirGet(request, path,",
    justification: "Only the routing is public. The FHIR API serves the public directory (Practitioner, PractitionerRole, Organization) to anyone; every other type needs a live personal access token whose scopes include it, and each handler then authorizes the token's user like the app's own services (others' resources: 404).",
  },
  ...(["POST", "PUT", "PATCH", "DELETE"] as const).map(
    (method): PublicEntry => ({
      kind: "public-route",
      file: "app/fhir/R4/[[...path]]/route.ts",
      export: method,
      calls: "refuseWrite(",
      justification: "The FHIR API is read-only: every write interaction answers 405 with an OperationOutcome and touches nothing.",
    }),
  ),
];
