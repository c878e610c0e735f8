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
}

const select = { userId: true, specialty: true, facilityId: true, user: { select: { name: true } } } satisfies Prisma.DoctorProfileSelect;
type Row = Prisma.DoctorProfileGetPayload<{ select: typeof select }>;
const toRow = (row: Row): DirectoryDoctorRow => ({ doctorId: row.userId, name: row.user.name, specialty: row.specialty, facilityId: row.facilityId });

function listedDoctors(filter: { id?: string; name?: string; specialty?: string; facilityId?: string }): Prisma.DoctorProfileWhereInput {
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

export async function findDirectoryDoctors(filter: { id?: string; name?: string; specialty?: string; facilityId?: string }, paging: Paging): Promise<{ rows: DirectoryDoctorRow[]; total: number }> {
  const where = listedDoctors(filter);
  const [total, rows] = await Promise.all([
    db().doctorProfile.count({ where }),
    paging.count === 0 ? [] : db().doctorProfile.findMany({ where, select, orderBy: [{ user: { name: "asc" } }, { userId: "asc" }], skip: paging.offset, take: paging.count }),
  ]);
  return { rows: rows.map(toRow), total };
}
