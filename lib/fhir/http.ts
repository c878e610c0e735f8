import type { OperationOutcome, Resource } from "@medplum/fhirtypes";
import type { ErrorCode } from "@/lib/result";

export const FHIR_JSON = "application/fhir+json; charset=utf-8";

/** Like our other APIs (Medplum does the same): nothing cached, nothing framed, nothing sniffed. */
const API_HEADERS = {
  "Content-Type": FHIR_JSON,
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
};

export function fhirResponse(resource: Resource, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(resource), { status, headers: { ...API_HEADERS, ...headers } });
}

type IssueCode = "invalid" | "login" | "forbidden" | "not-found" | "not-supported" | "exception" | "transient" | "throttled" | "conflict";

const STATUS_FOR: Partial<Record<ErrorCode, { status: number; issue: IssueCode }>> = {
  VALIDATION: { status: 400, issue: "invalid" },
  UNAUTHENTICATED: { status: 401, issue: "login" },
  FORBIDDEN: { status: 403, issue: "forbidden" },
  NOT_FOUND: { status: 404, issue: "not-found" },
  CONFLICT: { status: 409, issue: "conflict" },
  RATE_LIMITED: { status: 429, issue: "throttled" },
  UNAVAILABLE: { status: 503, issue: "transient" },
};

export function operationOutcome(issue: IssueCode, diagnostics: string): OperationOutcome {
  return { resourceType: "OperationOutcome", issue: [{ severity: "error", code: issue, diagnostics }] };
}

/** Every error the API returns: an OperationOutcome with the HTTP status that matches it. */
export function errorResponse(code: ErrorCode, message: string): Response {
  const { status, issue } = STATUS_FOR[code] ?? { status: 400, issue: "invalid" as const };
  const headers: Record<string, string> = status === 401 ? { "WWW-Authenticate": 'Bearer realm="MedAnchor FHIR"' } : {};
  return fhirResponse(operationOutcome(issue, message), status, headers);
}

export function notSupported(message: string, status = 404): Response {
  return fhirResponse(operationOutcome("not-supported", message), status);
}
