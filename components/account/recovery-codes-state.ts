import type { FormState } from "@/components/forms/form-state";

/** A form that may hand back freshly issued recovery codes, shown once. */
export interface RecoveryCodesState extends FormState {
  recoveryCodes?: string[];
}
