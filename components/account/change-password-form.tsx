"use client";

import { useActionState } from "react";
import { changePasswordAction } from "@/app/account/actions";
import { IDLE } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";

/** Password fields are never echoed back: after a failed submit the user types them again. */
export function ChangePasswordForm() {
  const [state, formAction] = useActionState(changePasswordAction, IDLE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="max-w-md space-y-5" noValidate>
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={errors.currentPassword} />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        errors={errors.newPassword}
        hint="At least 12 characters. A phrase of four or more unrelated words is strong and easy to remember."
      />
      <TextField label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" required errors={errors.confirmPassword} />
      <SubmitButton pendingLabel="Changing password…">Change password</SubmitButton>
    </form>
  );
}
