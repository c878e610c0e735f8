"use client";

import type { ReactNode } from "react";
import type { FormState } from "@/components/forms/form-state";
import { ConfirmDialogForm } from "@/components/ui/confirm-dialog-form";

interface Props {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  /** Ids the action needs; the service checks them again. */
  hidden: Record<string, string>;
  /** Extra words for screen readers so each row's button says which visit it cancels. */
  context: string;
  description: ReactNode;
  reason: { label: string; hint: string; required: boolean; maxLength: number };
}

/** "Cancel" on an appointment: a confirmation dialog asking for a reason; refusals (cut-off) show inside it. */
export function CancelAppointmentDialog({ action, hidden, context, description, reason }: Props) {
  return (
    <ConfirmDialogForm
      action={action}
      hidden={hidden}
      triggerLabel="Cancel"
      triggerContext={context}
      triggerVariant="secondary"
      title="Cancel this appointment?"
      description={description}
      confirmLabel="Cancel appointment"
      pendingLabel="Cancelling…"
      dismissLabel="Keep appointment"
      variant="danger"
      reason={{ ...reason, rows: 3 }}
    />
  );
}
