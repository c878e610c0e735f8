import type { OwnProfileDto } from "@/lib/account/get-profile";

type Role = OwnProfileDto["role"];
type VerificationState = NonNullable<OwnProfileDto["doctor"]>["verification"];

export const ROLE_LABEL: Record<Role, string> = { PATIENT: "Patient", DOCTOR: "Doctor", ADMIN: "Administrator" };

export const VERIFICATION_LABEL: Record<VerificationState, { label: string; tone: string }> = {
  PENDING: { label: "Awaiting verification", tone: "bg-amber-100 text-amber-900" },
  VERIFIED: { label: "Verified", tone: "bg-emerald-100 text-emerald-800" },
  REJECTED: { label: "Not approved", tone: "bg-red-100 text-red-800" },
  SUSPENDED: { label: "Suspended", tone: "bg-red-100 text-red-800" },
};

/** Where "continue" leads after setting up a second factor. */
export const ROLE_HOME_LABEL: Record<Role, string> = { PATIENT: "Continue to your dashboard", DOCTOR: "Continue to your dashboard", ADMIN: "Continue to administration" };

export const formatDate = (date: Date) => new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(date);
