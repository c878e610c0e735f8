import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { AppointmentStatus } from "@/lib/db/generated/enums";
import type { Paging } from "../paging";

export interface FhirAppointmentRow {
  id: string;
  patientId: string;
  patientName: string;
  doctorId: string;
  doctorName: string;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  reason: string;
  cancellationReason: string | null;
}

const select = {
  id: true,
  patientId: true,
  doctorId: true,
  startsAt: true,
  endsAt: true,
  status: true,
  reason: true,
  cancellationReason: true,
  patient: { select: { user: { select: { name: true } } } },
  doctor: { select: { user: { select: { name: true } } } },
} satisfies Prisma.AppointmentSelect;
type Row = Prisma.AppointmentGetPayload<{ select: typeof select }>;
const toRow = ({ patient, doctor, ...row }: Row): FhirAppointmentRow => ({ ...row, patientName: patient.user.name, doctorName: doctor.user.name });

export interface AppointmentFilter {
  id?: string;
  patientId?: string;
  doctorId?: string;
  startsFrom?: Date;
  startsBefore?: Date;
  statuses?: AppointmentStatus[];
}

export async function findFhirAppointment(id: string): Promise<FhirAppointmentRow | null> {
  const row = await db().appointment.findUnique({ where: { id }, select });
  return row ? toRow(row) : null;
}

/** Appointments by start time (then id, so pages never overlap). */
export async function findFhirAppointments(filter: AppointmentFilter, paging: Paging): Promise<{ rows: FhirAppointmentRow[]; total: number }> {
  const where: Prisma.AppointmentWhereInput = {
    ...(filter.id ? { id: filter.id } : {}),
    ...(filter.patientId ? { patientId: filter.patientId } : {}),
    ...(filter.doctorId ? { doctorId: filter.doctorId } : {}),
    ...(filter.startsFrom || filter.startsBefore ? { startsAt: { ...(filter.startsFrom ? { gte: filter.startsFrom } : {}), ...(filter.startsBefore ? { lt: filter.startsBefore } : {}) } } : {}),
    ...(filter.statuses ? { status: { in: filter.statuses } } : {}),
  };
  const [total, rows] = await Promise.all([
    db().appointment.count({ where }),
    paging.count === 0 ? [] : db().appointment.findMany({ where, select, orderBy: [{ startsAt: "asc" }, { id: "asc" }], skip: paging.offset, take: paging.count }),
  ]);
  return { rows: rows.map(toRow), total };
}
