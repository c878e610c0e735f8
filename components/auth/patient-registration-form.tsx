"use client";

import { useActionState } from "react";
import { registerPatientAction } from "@/app/(public)/register/actions";
import { IDLE } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { AccountFields } from "./account-fields";

export function PatientRegistrationForm({ invitationToken }: { invitationToken?: string }) {
  const [state, formAction] = useActionState(registerPatientAction, IDLE);
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.status === "error" ? <Alert tone="error">{state.fieldErrors?.form?.join(" ") ?? state.message}</Alert> : null}
      <AccountFields state={state} />
      {invitationToken ? <input type="hidden" name="invitationToken" value={invitationToken} /> : null}
      <SubmitButton pendingLabel="Creating your account…">Create account</SubmitButton>
    </form>
  );
}
