"use client";

import { useActionState, useEffect, useId, useRef, type ReactNode } from "react";
import { IDLE, type FormState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";

interface Props {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  /** Ids and the chosen decision; the service validates them again, as it must for any form input. */
  hidden: Record<string, string>;
  triggerLabel: string;
  /** Read by screen readers after the trigger's label, so each row's button says what it acts on. */
  triggerContext?: string;
  /** Defaults to `variant`. */
  triggerVariant?: "primary" | "secondary" | "danger";
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  /** The button that closes the dialog without acting. */
  dismissLabel?: string;
  variant?: "primary" | "secondary" | "danger";
  reason?: { label: string; hint: string; maxLength: number; required?: boolean; rows?: number };
}

/**
 * A button that opens a modal native <dialog> asking for confirmation (and a reason where one is
 * required) before the action runs. The dialog traps focus, closes on Escape and returns focus to the
 * button; server-side errors are shown inside it without losing what was typed.
 */
export function ConfirmDialogForm({ action, hidden, triggerLabel, triggerContext, triggerVariant, title, description, confirmLabel, pendingLabel, dismissLabel = "Cancel", variant = "primary", reason }: Props) {
  const [state, formAction] = useActionState(action, IDLE);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = useId();
  const close = () => dialogRef.current?.close();
  // A modal dialog focuses its first focusable element (the heading); when a reason is needed, start there.
  const open = () => {
    dialogRef.current?.showModal();
    if (reason) document.getElementById(`${id}-reason`)?.focus();
  };

  // The confirm button is disabled while the action runs, which drops focus; after a refusal, put it
  // back on the field to fix, or on the dialog's heading so the error is read in context.
  useEffect(() => {
    if (state.status !== "error") return;
    const field = state.fieldErrors?.reason ? document.getElementById(`${id}-reason`) : null;
    (field ?? headingRef.current)?.focus();
  }, [state, id]);
  return (
    <>
      <button ref={triggerRef} type="button" className={buttonClasses(triggerVariant ?? variant)} aria-haspopup="dialog" onClick={open}>
        {triggerLabel}
        {triggerContext ? <span className="sr-only"> {triggerContext}</span> : null}
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
              {title}
            </h2>
            <div id={`${id}-description`} className="mt-2 text-sm text-slate-600">
              {description}
            </div>
          </div>
          {state.status === "error" ? <Alert tone="error">{state.message}</Alert> : null}
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {reason ? (
            <TextAreaField
              id={`${id}-reason`}
              label={reason.label}
              name="reason"
              rows={reason.rows ?? 4}
              required={reason.required ?? true}
              maxLength={reason.maxLength}
              hint={reason.hint}
              defaultValue={state.values?.reason}
              errors={state.fieldErrors?.reason}
            />
          ) : null}
          <div className="flex flex-wrap justify-end gap-3">
            <Button type="button" variant="secondary" onClick={close}>
              {dismissLabel}
            </Button>
            <SubmitButton variant={variant} pendingLabel={pendingLabel}>
              {confirmLabel}
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
