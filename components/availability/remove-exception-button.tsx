"use client";

import { useActionState } from "react";
import { removeExceptionAction } from "@/app/doctor/availability/actions";
import { IDLE } from "@/components/forms/form-state";
import { Button } from "@/components/ui/button";

/** One exception's remove button, named for its exception; a refusal (e.g. removed in another tab) shows beside it. */
export function RemoveExceptionButton({ exceptionId, label }: { exceptionId: string; label: string }) {
  const [state, formAction, pending] = useActionState(removeExceptionAction, IDLE);
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="exceptionId" value={exceptionId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`Remove ${label}`}>
        {pending ? "Removing…" : "Remove"}
      </Button>
      {state.status === "error" ? (
        <p role="alert" className="text-xs text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
