import type { FormState } from "@/components/forms/form-state";

/** The create form's state: on success, the new secret, shown once. */
export interface CreatedTokenState extends FormState {
  secret?: string;
  tokenName?: string;
}
