import { decideDoctorAction } from "@/app/admin/doctors/actions";
import type { DoctorDecision } from "@/lib/doctors/dtos";
import { ConfirmDialogForm } from "@/components/ui/confirm-dialog-form";

const REASON_HINT = "Between 5 and 500 characters.";

function copyFor(decision: DoctorDecision, name: string) {
  switch (decision) {
    case "VERIFY":
      return {
        triggerLabel: "Verify doctor",
        title: `Verify ${name}?`,
        description: "Check the license against the jurisdiction's register first. Once verified, they appear in the doctor directory and can take appointments.",
        confirmLabel: "Confirm verification",
        pendingLabel: "Verifying…",
        variant: "primary" as const,
      };
    case "REJECT":
      return {
        triggerLabel: "Reject application",
        title: `Reject ${name}'s application?`,
        description: "The doctor sees your reason and may edit and re-submit the application, which puts it back in the queue.",
        confirmLabel: "Confirm rejection",
        pendingLabel: "Rejecting…",
        variant: "danger" as const,
        reason: { label: "Reason for rejection", hint: `${REASON_HINT} The doctor sees it, so say what to fix.`, maxLength: 500 },
      };
    case "SUSPEND":
      return {
        triggerLabel: "Suspend doctor",
        title: `Suspend ${name}?`,
        description: "They are signed out on their next request, cannot sign in, and disappear from the directory until reinstated.",
        confirmLabel: "Confirm suspension",
        pendingLabel: "Suspending…",
        variant: "danger" as const,
        reason: { label: "Reason for suspension", hint: `${REASON_HINT} Kept with the decision and in the audit trail.`, maxLength: 500 },
      };
    case "REINSTATE":
      return {
        triggerLabel: "Reinstate doctor",
        title: `Reinstate ${name}?`,
        description: "They can sign in again and reappear in the doctor directory.",
        confirmLabel: "Confirm reinstatement",
        pendingLabel: "Reinstating…",
        variant: "primary" as const,
      };
  }
}

/** One confirm-first button per decision the application's current state allows. */
export function DoctorDecisionPanel({ doctorId, name, decisions }: { doctorId: string; name: string; decisions: DoctorDecision[] }) {
  return (
    <div className="flex flex-wrap gap-3">
      {decisions.map((decision) => (
        <ConfirmDialogForm key={decision} action={decideDoctorAction} hidden={{ doctorId, decision }} {...copyFor(decision, name)} />
      ))}
    </div>
  );
}
