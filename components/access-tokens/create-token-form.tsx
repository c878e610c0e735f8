"use client";

import { useActionState } from "react";
import { createAccessTokenAction } from "@/app/account/actions";
import { CopyButton } from "@/components/account/copy-button";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { SelectField, TextField } from "@/components/ui/field";
import type { CreatedTokenState } from "./created-token-state";
import { scopeLabel } from "./scope-labels";

const IDLE: CreatedTokenState = { status: "idle" };
const EXPIRY_CHOICES = [7, 30, 90];

export function CreateTokenForm({ availableScopes }: { availableScopes: string[] }) {
  const [state, formAction] = useActionState(createAccessTokenAction, IDLE);
  const errors = state.fieldErrors ?? {};
  return (
    <div className="space-y-5">
      {state.status === "success" && state.secret ? (
        <Alert tone="success">
          <p className="font-medium">Token “{state.tokenName}” created. Copy it now: it will not be shown again.</p>
          <p className="mt-2 flex flex-wrap items-center gap-3">
            <code className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900" data-testid="new-token-secret">
              {state.secret}
            </code>
            <CopyButton text={state.secret} label="Copy token" />
          </p>
        </Alert>
      ) : null}
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <form action={formAction} className="max-w-md space-y-5" noValidate>
        <TextField label="Name" name="name" required maxLength={80} defaultValue={state.status === "error" ? state.values?.name : ""} errors={errors.name} hint="What will use it, e.g. “My health app”." />
        <fieldset className="space-y-2" aria-describedby={errors.scopes?.length ? "scopes-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">What it may read</legend>
          {availableScopes.map((scope, index) => (
            <label key={scope} className="flex items-start gap-2 text-sm text-slate-700">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={index === 0} className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300" />
              {/* The scope code on its own line: long ones (DocumentReference) would overflow a narrow card. */}
              <span className="min-w-0">
                <span className="block">{scopeLabel(scope)}</span>
                <code className="block break-all text-xs text-slate-500">{scope}</code>
              </span>
            </label>
          ))}
          {errors.scopes?.length ? (
            <p id="scopes-error" className="text-sm text-red-700">
              {errors.scopes.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <SelectField label="Expires after" name="expiresInDays" defaultValue={state.status === "error" ? state.values?.expiresInDays : "30"} errors={errors.expiresInDays}>
          {EXPIRY_CHOICES.map((days) => (
            <option key={days} value={days}>
              {days} days
            </option>
          ))}
        </SelectField>
        <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
      </form>
    </div>
  );
}
