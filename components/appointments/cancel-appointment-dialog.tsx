"use client";

import { useActionState, useEffect, useId, useRef, type ReactNode } from "react";
import { IDLE, type FormState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";

interface Props {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  /** Ids the action needs; the service checks them again. */
  hidden: Record<string, string>;
  /** Extra words for screen readers so each row's button says which visit it cancels. */
  context: string;
  description: ReactNode;
  reason: { label: string; hint: string; required: boolean; maxLength: number };
}

/**
 * "Cancel" opens a modal native <dialog> (focus trapped, Escape closes, focus returns to the button)
 * that asks for confirmation and a reason. Refusals such as the cancellation cut-off are shown inside
 * it, keeping what was typed.
 */
export function CancelAppointmentDialog({ action, hidden, context, description, reason }: Props) {
  const [state, formAction] = useActionState(action, IDLE);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = useId();

  const open = () => {
    dialogRef.current?.showModal();
    document.getElementById(`${id}-reason`)?.focus();
  };

  useEffect(() => {
    if (state.status !== "error") return;
    const field = state.fieldErrors?.reason ? document.getElementById(`${id}-reason`) : null;
    (field ?? headingRef.current)?.focus();
  }, [state, id]);

  return (
    <>
      <button ref={triggerRef} type="button" className={buttonClasses("secondary")} aria-haspopup="dialog" onClick={open}>
        Cancel<span className="sr-only"> {context}</span>
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-description`}
        onClose={() => triggerRef.current?.focus()}
        className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        <form action={formAction} className="space-y-5 p-6" noValidate>
          <div>
            <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
              Cancel this appointment?
            </h2>
            <div id={`${id}-description`} className="mt-2 text-sm text-slate-600">
              {description}
            </div>
          </div>
          {state.status === "error" ? <Alert tone="error">{state.message}</Alert> : null}
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <TextAreaField
            id={`${id}-reason`}
            label={reason.label}
            name="reason"
            rows={3}
            required={reason.required}
            maxLength={reason.maxLength}
            hint={reason.hint}
            defaultValue={state.values?.reason}
            errors={state.fieldErrors?.reason}
          />
          <div className="flex flex-wrap justify-end gap-3">
            <Button type="button" variant="secondary" onClick={() => dialogRef.current?.close()}>
              Keep appointment
            </Button>
            <SubmitButton variant="danger" pendingLabel="Cancelling…">
              Cancel appointment
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
