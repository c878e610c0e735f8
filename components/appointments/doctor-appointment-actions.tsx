"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { cancelAppointmentByDoctorAction, markAppointmentOutcomeAction } from "@/app/doctor/actions";
import { IDLE } from "@/components/forms/form-state";
import { Button } from "@/components/ui/button";
import { CancelAppointmentDialog } from "./cancel-appointment-dialog";

export type DoctorReturnTo = "dashboard" | "today" | "week" | "upcoming";

interface Props {
  appointmentId: string;
  /** "Maria Jensen, Tue 2 Dec, 09:00": tells screen readers which visit a row's buttons act on. */
  label: string;
  /** Known on the server when the page rendered: outcomes only once the visit started, cancel only before it ended. */
  started: boolean;
  ended: boolean;
  returnTo: DoctorReturnTo;
  reasonMaxLength: number;
}

/** Like SubmitButton, with the visit named for screen readers so each row's button is unambiguous. */
function OutcomeSubmit({ variant, label, children }: { variant: "primary" | "secondary"; label: string; children: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-disabled={pending}>
      {pending ? <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-current border-r-transparent" /> : null}
      {pending ? "Saving…" : children}
      <span className="sr-only">: {label}</span>
    </Button>
  );
}

function OutcomeButton({ appointmentId, outcome, label, returnTo, children }: { appointmentId: string; outcome: "COMPLETED" | "NO_SHOW"; label: string; returnTo: DoctorReturnTo; children: string }) {
  const [state, formAction] = useActionState(markAppointmentOutcomeAction, IDLE);
  return (
    <form action={formAction} className="contents">
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <input type="hidden" name="outcome" value={outcome} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <OutcomeSubmit variant={outcome === "COMPLETED" ? "primary" : "secondary"} label={label}>
        {children}
      </OutcomeSubmit>
      {state.status === "error" ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

/** A booked visit's actions for its doctor: record how it went once started, or cancel it with a reason. */
export function DoctorAppointmentActions({ appointmentId, label, started, ended, returnTo, reasonMaxLength }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      {started ? (
        <>
          <OutcomeButton appointmentId={appointmentId} outcome="COMPLETED" label={label} returnTo={returnTo}>
            Mark completed
          </OutcomeButton>
          <OutcomeButton appointmentId={appointmentId} outcome="NO_SHOW" label={label} returnTo={returnTo}>
            Mark no-show
          </OutcomeButton>
        </>
      ) : null}
      {ended ? null : (
        <CancelAppointmentDialog
          action={cancelAppointmentByDoctorAction}
          hidden={{ appointmentId, returnTo }}
          context={label}
          description={<>The appointment with {label} will be cancelled and the patient notified. They will see the reason you give.</>}
          reason={{ label: "Reason for the patient", hint: "Required. For example: “Dr. is unwell; please book another day.”", required: true, maxLength: reasonMaxLength }}
        />
      )}
    </div>
  );
}
