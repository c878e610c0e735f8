import type { VerificationStep } from "@/lib/verification/verify-receipt";

export type ServerVerifyState =
  | { status: "idle" }
  | { status: "error"; message: string }
  | { status: "done"; verified: boolean; anchored: boolean; steps: VerificationStep[]; checkedAt: string };
