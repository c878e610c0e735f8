import type { Role, UserStatus, VerificationState } from "@/lib/db/generated/enums";

export type { Role, UserStatus, VerificationState };

export interface UserSummaryDto {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  /** Doctors only. */
  doctorVerification: VerificationState | null;
  createdAt: Date;
}

export interface AdminOverviewDto {
  pendingApplications: number;
  verifiedDoctors: number;
  suspendedDoctors: number;
  patients: number;
  activeFacilities: number;
  inactiveFacilities: number;
}
