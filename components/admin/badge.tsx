import type { VerificationState } from "@/lib/doctors/dtos";
import type { UserStatus } from "@/lib/users/dtos";
import { USER_STATUS_LABEL, VERIFICATION_LABEL } from "./format";

const tones = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-300",
  amber: "bg-amber-50 text-amber-800 ring-amber-300",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  red: "bg-red-50 text-red-800 ring-red-300",
} as const;

export function Badge({ tone = "neutral", children }: { tone?: keyof typeof tones; children: string }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>{children}</span>;
}

const VERIFICATION_TONE: Record<VerificationState, keyof typeof tones> = { PENDING: "amber", VERIFIED: "green", REJECTED: "neutral", SUSPENDED: "red" };

export function VerificationBadge({ state }: { state: VerificationState }) {
  return <Badge tone={VERIFICATION_TONE[state]}>{VERIFICATION_LABEL[state]}</Badge>;
}

export function UserStatusBadge({ status }: { status: UserStatus }) {
  return <Badge tone={status === "ACTIVE" ? "green" : "red"}>{USER_STATUS_LABEL[status]}</Badge>;
}

export function ActiveBadge({ active }: { active: boolean }) {
  return <Badge tone={active ? "green" : "neutral"}>{active ? "Active" : "Inactive"}</Badge>;
}
