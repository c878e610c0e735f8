"use client";

import { useActionState } from "react";
import { disableTotpAction } from "@/app/account/actions";
import { IDLE } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";

export function DisableTotpForm() {
  const [state, formAction] = useActionState(disableTotpAction, IDLE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="max-w-sm space-y-5" noValidate>
      {state.status === "error" && !errors.password && !errors.code ? <Alert tone="error">{state.message}</Alert> : null}
      <TextField id="disable-password" label="Password" name="password" type="password" autoComplete="current-password" required errors={errors.password} />
      <TextField
        id="disable-code"
        label="Authentication code"
        name="code"
        autoComplete="one-time-code"
        required
        errors={errors.code}
        hint="A code from your authenticator app, or one of your recovery codes if you no longer have the app."
      />
      <SubmitButton variant="danger" pendingLabel="Turning off…">
        Turn off two-factor authentication
      </SubmitButton>
    </form>
  );
}
