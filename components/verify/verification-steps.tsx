import type { StepStatus, VerificationStep } from "@/lib/verification/verify-receipt";

const STATUS: Record<StepStatus, { label: string; mark: string; tone: string }> = {
  passed: { label: "Passed", mark: "✓", tone: "border-emerald-200 bg-emerald-50 text-emerald-900" },
  failed: { label: "Failed", mark: "✗", tone: "border-red-200 bg-red-50 text-red-900" },
  skipped: { label: "Not checked", mark: "–", tone: "border-slate-200 bg-slate-50 text-slate-700" },
};

/** Each verification step with its outcome in words (not only colour) and why. */
export function VerificationSteps({ steps, label }: { steps: VerificationStep[]; label: string }) {
  return (
    <ol aria-label={label} className="space-y-2">
      {steps.map((step, index) => {
        const status = STATUS[step.status];
        return (
          <li key={step.id} data-step={step.id} data-status={step.status} className={`rounded-lg border px-4 py-3 text-sm ${status.tone}`}>
            <p className="font-semibold">
              <span aria-hidden="true">{status.mark} </span>
              {index + 1}. {step.title}: {status.label}
            </p>
            <p className="mt-1 break-words">{step.explanation}</p>
          </li>
        );
      })}
    </ol>
  );
}
