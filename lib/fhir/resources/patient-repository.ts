import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

/** What Patient shows: the minimum a client needs to tell whose records it reads. */
export interface FhirPatientRow {
  patientId: string;
  publicId: string;
  name: string;
  email: string;
  phone: string | null;
  dateOfBirth: Date;
}

const select = { userId: true, publicId: true, dateOfBirth: true, phone: true, user: { select: { name: true, email: true } } } satisfies Prisma.PatientProfileSelect;
type Row = Prisma.PatientProfileGetPayload<{ select: typeof select }>;
const toRow = (row: Row): FhirPatientRow => ({ patientId: row.userId, publicId: row.publicId, name: row.user.name, email: row.user.email, phone: row.phone, dateOfBirth: row.dateOfBirth });

export interface PatientFilter {
  ids?: string[];
  name?: string;
}

const where = (filter: PatientFilter): Prisma.PatientProfileWhereInput => ({
  ...(filter.ids ? { userId: { in: filter.ids } } : {}),
  ...(filter.name ? { user: { name: { contains: filter.name, mode: "insensitive" } } } : {}),
});

export async function findFhirPatients(filter: PatientFilter): Promise<FhirPatientRow[]> {
  const rows = await db().patientProfile.findMany({ where: where(filter), select, orderBy: [{ user: { name: "asc" } }, { userId: "asc" }] });
  return rows.map(toRow);
}

/**
 * Patients with an ACTIVE grant row to the doctor, by name: only the candidates. Whether a grant is open
 * right now (window, chain confirmation) is lib/grants/doctor-access.ts's decision, made per patient.
 */
export async function findGrantCandidateIds(doctorId: string, filter: PatientFilter): Promise<string[]> {
  const rows = await db().patientProfile.findMany({
    where: { ...where(filter), accessGrants: { some: { doctorId, state: "ACTIVE" } } },
    select: { userId: true },
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
  });
  return rows.map((row) => row.userId);
}
