import type { VerificationState } from "@/lib/db/generated/enums";

/** What an administrator can decide about a doctor; each is one edge of the verification state machine. */
export const DOCTOR_DECISIONS = ["VERIFY", "REJECT", "SUSPEND", "REINSTATE"] as const;
export type DoctorDecision = (typeof DOCTOR_DECISIONS)[number];

interface Transition {
  from: VerificationState;
  to: VerificationState;
  auditAction: `doctor.${string}`;
  /** The doctor sees why they were rejected or suspended, so those decisions need a reason. */
  reasonRequired: boolean;
}

/** REJECTED has no way out here: the doctor edits and re-applies, which puts the application back to PENDING. */
export const DECISION_TRANSITIONS: Record<DoctorDecision, Transition> = {
  VERIFY: { from: "PENDING", to: "VERIFIED", auditAction: "doctor.verify", reasonRequired: false },
  REJECT: { from: "PENDING", to: "REJECTED", auditAction: "doctor.reject", reasonRequired: true },
  SUSPEND: { from: "VERIFIED", to: "SUSPENDED", auditAction: "doctor.suspend", reasonRequired: true },
  REINSTATE: { from: "SUSPENDED", to: "VERIFIED", auditAction: "doctor.reinstate", reasonRequired: false },
};

export function allowedDecisions(state: VerificationState): DoctorDecision[] {
  return DOCTOR_DECISIONS.filter((decision) => DECISION_TRANSITIONS[decision].from === state);
}

const VERB: Record<DoctorDecision, string> = { VERIFY: "verify", REJECT: "reject", SUSPEND: "suspend", REINSTATE: "reinstate" };

const WHERE_IT_STANDS: Record<VerificationState, string> = {
  PENDING: "the application is still pending review",
  VERIFIED: "the doctor is already verified",
  REJECTED: "the application was rejected; the doctor has to edit and re-submit it first",
  SUSPENDED: "the doctor is suspended; reinstate them instead",
};

const ALREADY: Record<VerificationState, string> = {
  PENDING: "This application is already pending.",
  VERIFIED: "This doctor is already verified.",
  REJECTED: "This application is already rejected.",
  SUSPENDED: "This doctor is already suspended.",
};

/** Why `decision` cannot be taken from `state`, or undefined when it can. */
export function transitionProblem(state: VerificationState, decision: DoctorDecision): string | undefined {
  const transition = DECISION_TRANSITIONS[decision];
  if (transition.from === state) return undefined;
  if (transition.to === state && decision !== "REINSTATE") return ALREADY[state];
  if (decision === "REINSTATE") return `Can't reinstate this doctor: only suspended doctors can be reinstated, and ${WHERE_IT_STANDS[state]}.`;
  return `Can't ${VERB[decision]} this doctor: ${WHERE_IT_STANDS[state]}.`;
}
