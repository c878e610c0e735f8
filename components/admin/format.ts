import type { VerificationState } from "@/lib/doctors/dtos";
import type { Role, UserStatus } from "@/lib/users/dtos";

const utcDateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Admin pages show instants in UTC, labelled as such, so two admins in different zones read the same time. */
export function formatUtc(date: Date): string {
  return `${utcDateTime.format(date)} UTC`;
}

export const VERIFICATION_LABEL: Record<VerificationState, string> = { PENDING: "Pending", VERIFIED: "Verified", REJECTED: "Rejected", SUSPENDED: "Suspended" };

export const ROLE_LABEL: Record<Role, string> = { PATIENT: "Patient", DOCTOR: "Doctor", ADMIN: "Administrator" };

export const USER_STATUS_LABEL: Record<UserStatus, string> = { ACTIVE: "Active", SUSPENDED: "Suspended" };
