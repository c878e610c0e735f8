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
  | "INVALID_INVITATION"
  /** The slot was free when shown but someone else booked it first. */
  | "SLOT_TAKEN"
  /** The requested time is not bookable: past, inside the notice, beyond the horizon or outside the doctor's hours. */
  | "SLOT_UNAVAILABLE"
  /** Too close to the appointment for this change (cancellation cut-off). */
  | "CUTOFF";

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
