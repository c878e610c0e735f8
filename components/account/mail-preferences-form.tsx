"use client";

import { useActionState } from "react";
import { updateMailPreferencesAction } from "@/app/account/actions";
import { IDLE } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";

const OPTIONS = [
  { name: "appointments", label: "Appointments", hint: "Booked, moved and cancelled visits." },
  { name: "reminders", label: "Reminders", hint: "A day and an hour before a visit." },
  { name: "access", label: "Access to records", hint: "Requests, answers, revocations and access about to end." },
] as const;

export function MailPreferencesForm({ preferences }: { preferences: Record<(typeof OPTIONS)[number]["name"], boolean> }) {
  const [state, formAction] = useActionState(updateMailPreferencesAction, IDLE);
  return (
    <form action={formAction} className="space-y-4">
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === "success" ? <Alert tone="success">Saved.</Alert> : null}
      <fieldset className="space-y-3">
        <legend className="sr-only">Email me about</legend>
        {OPTIONS.map((option) => (
          <label key={option.name} className="flex items-start gap-3 text-sm">
            <input type="checkbox" name={option.name} defaultChecked={preferences[option.name]} className="mt-1" />
            <span>
              <span className="font-medium text-slate-900">{option.label}</span>
              <span className="block text-slate-600">{option.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <SubmitButton pendingLabel="Saving…">Save email choices</SubmitButton>
    </form>
  );
}
