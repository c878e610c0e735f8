import type { VerificationState } from "@/lib/db/generated/enums";

export interface FacilitySummaryDto {
  id: string;
  name: string;
  city: string;
  address: string;
  active: boolean;
  doctorCount: number;
  createdAt: Date;
}

export interface FacilityDoctorDto {
  doctorId: string;
  name: string;
  specialty: string;
  verification: VerificationState;
}

export interface FacilityDto extends FacilitySummaryDto {
  updatedAt: Date;
  doctors: FacilityDoctorDto[];
}
