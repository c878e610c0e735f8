import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { Paging } from "../paging";

/** The public directory: verified doctors whose accounts are active, and the facilities they work at. */
export interface DirectoryDoctorRow {
  doctorId: string;
  name: string;
  specialty: string;
  facilityId: string;
  facilityName: string;
}

export interface DirectoryDoctorFilter {
  id?: string;
  name?: string;
  specialty?: string;
  facilityId?: string;
}

const select = { userId: true, specialty: true, facilityId: true, user: { select: { name: true } }, facility: { select: { name: true } } } satisfies Prisma.DoctorProfileSelect;
type Row = Prisma.DoctorProfileGetPayload<{ select: typeof select }>;
const toRow = (row: Row): DirectoryDoctorRow => ({ doctorId: row.userId, name: row.user.name, specialty: row.specialty, facilityId: row.facilityId, facilityName: row.facility.name });

function listedDoctors(filter: DirectoryDoctorFilter): Prisma.DoctorProfileWhereInput {
  return {
    verification: "VERIFIED",
    user: { status: "ACTIVE", ...(filter.name ? { name: { contains: filter.name, mode: "insensitive" } } : {}) },
    ...(filter.id ? { userId: filter.id } : {}),
    ...(filter.specialty ? { specialty: { equals: filter.specialty, mode: "insensitive" } } : {}),
    ...(filter.facilityId ? { facilityId: filter.facilityId } : {}),
  };
}

export async function findDirectoryDoctor(doctorId: string): Promise<DirectoryDoctorRow | null> {
  const row = await db().doctorProfile.findFirst({ where: listedDoctors({ id: doctorId }), select });
  return row ? toRow(row) : null;
}

export async function findDirectoryDoctors(filter: DirectoryDoctorFilter, paging: Paging): Promise<{ rows: DirectoryDoctorRow[]; total: number }> {
  const where = listedDoctors(filter);
  const [total, rows] = await Promise.all([
    db().doctorProfile.count({ where }),
    paging.count === 0 ? [] : db().doctorProfile.findMany({ where, select, orderBy: [{ user: { name: "asc" } }, { userId: "asc" }], skip: paging.offset, take: paging.count }),
  ]);
  return { rows: rows.map(toRow), total };
}

/** A facility of the directory, as Organization shows it. */
export interface DirectoryFacilityRow {
  facilityId: string;
  name: string;
  city: string;
  address: string;
  active: boolean;
}

const facilitySelect = { id: true, name: true, city: true, address: true, active: true } satisfies Prisma.FacilitySelect;
type FacilityRow = Prisma.FacilityGetPayload<{ select: typeof facilitySelect }>;
const toFacilityRow = (row: FacilityRow): DirectoryFacilityRow => ({ facilityId: row.id, name: row.name, city: row.city, address: row.address, active: row.active });

/** Facilities where at least one listed doctor works (see resources/organization.ts for why). */
function listedFacilities(filter: { ids?: string[]; name?: string }): Prisma.FacilityWhereInput {
  return {
    doctors: { some: listedDoctors({}) },
    ...(filter.ids ? { id: { in: filter.ids } } : {}),
    ...(filter.name ? { name: { contains: filter.name, mode: "insensitive" } } : {}),
  };
}

export async function findDirectoryFacility(facilityId: string): Promise<DirectoryFacilityRow | null> {
  const row = await db().facility.findFirst({ where: listedFacilities({ ids: [facilityId] }), select: facilitySelect });
  return row ? toFacilityRow(row) : null;
}

export async function findDirectoryFacilities(filter: { ids?: string[]; name?: string }, paging: Paging): Promise<{ rows: DirectoryFacilityRow[]; total: number }> {
  const where = listedFacilities(filter);
  const [total, rows] = await Promise.all([
    db().facility.count({ where }),
    paging.count === 0 ? [] : db().facility.findMany({ where, select: facilitySelect, orderBy: [{ name: "asc" }, { id: "asc" }], skip: paging.offset, take: paging.count }),
  ]);
  return { rows: rows.map(toFacilityRow), total };
}
