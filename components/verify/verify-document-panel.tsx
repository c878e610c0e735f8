"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ServerVerifyState } from "./server-verify-state";
import { VerificationSteps } from "./verification-steps";

/** The "Verify" button on a document page and the result of each step. */
export function VerifyDocumentPanel({ documentId, action }: { documentId: string; action: (previous: ServerVerifyState, formData: FormData) => Promise<ServerVerifyState> }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <div className="space-y-4">
      <form action={formAction} aria-label="Verify this document">
        <input type="hidden" name="documentId" value={documentId} />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Verifying…" : "Verify"}
        </Button>
      </form>
      <div aria-live="polite" className="space-y-3">
        {state.status === "error" ? <Alert tone="error">{state.message}</Alert> : null}
        {state.status === "done" ? (
          <>
            {state.verified ? (
              <Alert tone="success" title="Verified">
                The stored file matches its recorded fingerprint and the commitment on chain.
              </Alert>
            ) : state.anchored || state.steps.some((s) => s.status === "failed") ? (
              <Alert tone="error" title="Verification failed">
                {state.steps.find((s) => s.status === "failed")?.explanation ?? "Some checks could not be made."}
              </Alert>
            ) : (
              <Alert tone="info" title="Not anchored yet">
                The stored file matches its fingerprint; the chain checks run once it is anchored.
              </Alert>
            )}
            <VerificationSteps steps={state.steps} label="Verification steps" />
          </>
        ) : null}
      </div>
    </div>
  );
}
