import type { UserStatus, VerificationState } from "@/lib/db/generated/enums";
import type { DoctorDecision } from "./transitions";

export type { DoctorDecision, UserStatus, VerificationState };

/** One row of the admin queue of doctor applications. */
export interface DoctorApplicationSummaryDto {
  doctorId: string;
  name: string;
  email: string;
  specialty: string;
  licenseJurisdiction: string;
  licenseNumber: string;
  facilityName: string;
  timeZone: string;
  state: VerificationState;
  appliedAt: Date;
}

/** The last verification decision on an application, as stored on the profile. */
export interface DoctorDecisionDto {
  decidedAt: Date;
  decidedByName: string | null;
  reason: string | null;
}

export interface DoctorApplicationDto extends DoctorApplicationSummaryDto {
  bio: string;
  facilityId: string;
  facilityCity: string;
  facilityActive: boolean;
  accountStatus: UserStatus;
  lastDecision: DoctorDecisionDto | null;
  /** The decisions the state machine allows from `state`, for the admin's buttons. */
  allowedDecisions: DoctorDecision[];
}

export interface DoctorDecisionOutcomeDto {
  doctorId: string;
  state: VerificationState;
  decidedAt: Date;
}

/** What patients see in the doctor directory: no email, no license details. */
export interface DirectoryDoctorDto {
  doctorId: string;
  name: string;
  specialty: string;
  facilityName: string;
  facilityCity: string;
  timeZone: string;
}
