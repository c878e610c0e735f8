"use client";

import { useActionState, useState } from "react";
import { loginAction } from "@/app/(public)/login/actions";
import { IDLE } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";

/**
 * Email and password first; when the account has a second factor the server answers MFA_REQUIRED and
 * the code field appears. Inputs are controlled so nothing typed is lost between the two steps.
 */
export function LoginForm() {
  const [state, formAction] = useActionState(loginAction, IDLE);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const needsCode = state.code === "MFA_REQUIRED";
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.status === "error" && state.message ? <Alert tone={needsCode ? "info" : "error"}>{state.message}</Alert> : null}
      <TextField label="Email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      {needsCode ? (
        <TextField label="Authentication code" name="code" inputMode="text" autoComplete="one-time-code" autoFocus required hint="6 digits from your authenticator app, or one of your recovery codes." />
      ) : null}
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
