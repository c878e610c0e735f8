import type { AppointmentStatus } from "@/lib/db/generated/enums";

export interface AppointmentDto {
  id: string;
  doctorId: string;
  doctorName: string;
  doctorTimeZone: string;
  patientName: string;
  patientPublicId: string;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  reason: string;
  cancellationReason: string | null;
  cancelledBy: "PATIENT" | "DOCTOR" | null;
}

export const appointmentInclude = {
  doctor: { select: { timeZone: true, user: { select: { name: true } } } },
  patient: { select: { publicId: true, user: { select: { name: true } } } },
} as const;

interface AppointmentRow {
  id: string;
  doctorId: string;
  patientId: string;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  reason: string;
  cancellationReason: string | null;
  cancelledById: string | null;
  doctor: { timeZone: string; user: { name: string } };
  patient: { publicId: string; user: { name: string } };
}

export function toAppointmentDto(row: AppointmentRow): AppointmentDto {
  return {
    id: row.id,
    doctorId: row.doctorId,
    doctorName: row.doctor.user.name,
    doctorTimeZone: row.doctor.timeZone,
    patientName: row.patient.user.name,
    patientPublicId: row.patient.publicId,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    status: row.status,
    reason: row.reason,
    cancellationReason: row.cancellationReason,
    cancelledBy: row.cancelledById === null ? null : row.cancelledById === row.patientId ? "PATIENT" : "DOCTOR",
  };
}
