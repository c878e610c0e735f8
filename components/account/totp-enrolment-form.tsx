"use client";

import { useActionState, useState } from "react";
import { confirmTotpEnrolmentAction } from "@/app/account/actions";
import { IDLE } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import type { RecoveryCodesState } from "./recovery-codes-state";
import { CopyButton } from "./copy-button";
import { RecoveryCodesPanel } from "./recovery-codes-panel";

interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
  signature: string;
}

const groupsOfFour = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * Scan (or type) the pending secret, prove it with one code, then see the recovery codes once. The
 * pending secret is kept from the first render, so the QR code the user scanned never changes under them.
 */
export function TotpEnrolmentForm({ enrolment, continueHref, continueLabel }: { enrolment: Enrolment; continueHref: string; continueLabel: string }) {
  const [pending] = useState(enrolment);
  const [state, formAction] = useActionState<RecoveryCodesState, FormData>(confirmTotpEnrolmentAction, IDLE);

  if (state.status === "success" && state.recoveryCodes) {
    return (
      <div className="space-y-5">
        <Alert tone="success" title="Two-factor authentication is on">
          From now on, signing in asks for a code from your authenticator app after your password.
        </Alert>
        <RecoveryCodesPanel codes={state.recoveryCodes} continueHref={continueHref} continueLabel={continueLabel} />
      </div>
    );
  }

  const formError = state.fieldErrors?.form?.join(" ") ?? (state.fieldErrors?.code ? undefined : state.message);
  return (
    <ol className="space-y-8">
      <li className="space-y-2">
        <h3 className="font-semibold text-slate-900">1. Get an authenticator app</h3>
        <p className="text-sm text-slate-600">Any app that supports time-based codes works, for example Google Authenticator, Microsoft Authenticator, 1Password or Aegis.</p>
      </li>
      <li className="space-y-4">
        <h3 className="font-semibold text-slate-900">2. Add MedAnchor to the app</h3>
        <div className="flex flex-col gap-6 sm:flex-row sm:items-start">
          <div
            role="img"
            aria-label="QR code for adding MedAnchor to your authenticator app"
            className="h-48 w-48 shrink-0 rounded-lg border border-slate-200 bg-white p-1 [&>svg]:h-full [&>svg]:w-full"
            // Generated on our server by the qrcode library from our own otpauth URI: no user-supplied markup.
            dangerouslySetInnerHTML={{ __html: pending.qrSvg }}
          />
          <div className="space-y-3 text-sm text-slate-600">
            <p>Scan the QR code with the app. If you can&apos;t scan it, choose to enter a setup key in the app and type this key:</p>
            <div className="flex flex-wrap items-center gap-3">
              <span className="sr-only">Setup key:</span>
              <code className="rounded-lg bg-slate-100 px-3 py-2 font-mono text-base tracking-wider text-slate-900">{groupsOfFour(pending.secret)}</code>
              <CopyButton text={pending.secret} label="Copy key" />
            </div>
            <p>
              On this phone?{" "}
              <a href={pending.otpauthUri} className="font-medium text-brand-700 underline">
                Open in your authenticator app
              </a>
              .
            </p>
          </div>
        </div>
      </li>
      <li>
        <h3 className="font-semibold text-slate-900">3. Enter the code the app shows</h3>
        <form action={formAction} className="mt-3 max-w-sm space-y-5" noValidate>
          {state.status === "error" && formError ? <Alert tone="error">{formError}</Alert> : null}
          <input type="hidden" name="secret" value={pending.secret} />
          <input type="hidden" name="signature" value={pending.signature} />
          <TextField
            label="Authentication code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            errors={state.fieldErrors?.code}
            hint="6 digits. The code changes every 30 seconds."
          />
          <SubmitButton pendingLabel="Checking…">Turn on two-factor authentication</SubmitButton>
        </form>
      </li>
    </ol>
  );
}
