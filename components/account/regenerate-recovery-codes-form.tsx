"use client";

import { useActionState } from "react";
import { regenerateRecoveryCodesAction } from "@/app/account/actions";
import { IDLE } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import type { RecoveryCodesState } from "./recovery-codes-state";
import { RecoveryCodesPanel } from "./recovery-codes-panel";

export function RegenerateRecoveryCodesForm({ continueHref, continueLabel }: { continueHref: string; continueLabel: string }) {
  const [state, formAction] = useActionState<RecoveryCodesState, FormData>(regenerateRecoveryCodesAction, IDLE);
  if (state.status === "success" && state.recoveryCodes) {
    return (
      <div className="space-y-5">
        <Alert tone="success">New recovery codes created. Your previous codes no longer work.</Alert>
        <RecoveryCodesPanel codes={state.recoveryCodes} continueHref={continueHref} continueLabel={continueLabel} />
      </div>
    );
  }
  return (
    <form action={formAction} className="max-w-sm space-y-5" noValidate>
      {state.status === "error" && !state.fieldErrors?.code ? <Alert tone="error">{state.message}</Alert> : null}
      <TextField
        id="regenerate-code"
        label="Authentication code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        required
        errors={state.fieldErrors?.code}
        hint="The current 6-digit code from your authenticator app."
      />
      <SubmitButton variant="secondary" pendingLabel="Creating codes…">
        Create new recovery codes
      </SubmitButton>
    </form>
  );
}
