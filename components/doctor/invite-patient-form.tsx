"use client";

import { useActionState } from "react";
import { invitePatientAction } from "@/app/doctor/actions";
import { IDLE } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";

/** Creates a one-time registration link; the link is shown here once because only its hash is stored. */
export function InvitePatientForm() {
  const [state, formAction] = useActionState(invitePatientAction, IDLE);
  const link = state.status === "success" && state.values?.registrationPath ? `${typeof window === "undefined" ? "" : window.location.origin}${state.values.registrationPath}` : null;
  return (
    <div className="space-y-4">
      {state.status === "error" && !state.fieldErrors ? <Alert tone="error">{state.message}</Alert> : null}
      {link ? (
        <Alert tone="success" title="Invitation ready">
          <p>{state.message}</p>
          <label htmlFor="invitation-link" className="mt-2 block font-medium">
            Invitation link
          </label>
          <input id="invitation-link" readOnly value={link} className="mt-1 w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs text-slate-900" onFocus={(e) => e.currentTarget.select()} />
        </Alert>
      ) : null}
      <form action={formAction} className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end" noValidate>
        <TextField label="Patient name" name="patientName" required defaultValue={state.status === "error" ? state.values?.patientName : ""} errors={state.fieldErrors?.patientName} />
        <TextField label="Patient email" name="email" type="email" required defaultValue={state.status === "error" ? state.values?.email : ""} errors={state.fieldErrors?.email} />
        <SubmitButton pendingLabel="Creating…">Create invitation</SubmitButton>
      </form>
    </div>
  );
}
