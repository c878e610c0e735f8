import type { ServiceError } from "@/lib/result";

/** What a server action hands back to its form (next-learn style): messages per field plus one for the form. */
export interface FormState {
  status: "idle" | "error" | "success";
  message?: string;
  code?: string;
  fieldErrors?: Record<string, string[]>;
  /** Values to put back in the form after a failed submit (never passwords). */
  values?: Record<string, string>;
}

export const IDLE: FormState = { status: "idle" };

export function errorState(error: ServiceError, values?: Record<string, string>): FormState {
  return { status: "error", message: error.message, code: error.code, fieldErrors: error.fieldErrors, values };
}
