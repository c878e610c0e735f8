/**
 * Typed results for expected failures. Services return these; they throw only for bugs.
 * Codes are stable strings shared by services, UI and tests (ARCHITECTURE.md §7).
 */
export type ErrorCode =
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  | "MFA_REQUIRED"
  | "INVALID_INVITATION";

export interface ServiceError {
  code: ErrorCode;
  message: string;
  /** Field-level messages for forms, keyed by input name. */
  fieldErrors?: Record<string, string[]>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, fieldErrors?: Record<string, string[]>): { ok: false; error: ServiceError } => ({
  ok: false,
  error: { code, message, ...(fieldErrors ? { fieldErrors } : {}) },
});
