import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { pageOf, pageWindow, type PageDto } from "@/lib/pagination";
import type { FacilityDto, FacilitySummaryDto } from "./dtos";

type Tx = Prisma.TransactionClient;

const summarySelect = { id: true, name: true, city: true, address: true, active: true, createdAt: true, _count: { select: { doctors: true } } } satisfies Prisma.FacilitySelect;

function toSummary({ _count, ...row }: Prisma.FacilityGetPayload<{ select: typeof summarySelect }>): FacilitySummaryDto {
  return { ...row, doctorCount: _count.doctors };
}

export async function findFacilitiesPage(includeInactive: boolean, requestedPage: number): Promise<PageDto<FacilitySummaryDto>> {
  const where: Prisma.FacilityWhereInput = includeInactive ? {} : { active: true };
  const total = await db().facility.count({ where });
  const window = pageWindow(requestedPage, total);
  const rows = await db().facility.findMany({ where, select: summarySelect, orderBy: [{ active: "desc" }, { name: "asc" }], skip: window.skip, take: window.take });
  return pageOf(rows.map(toSummary), window, total);
}

export async function findFacility(facilityId: string): Promise<FacilityDto | null> {
  const row = await db().facility.findUnique({
    where: { id: facilityId },
    select: {
      ...summarySelect,
      updatedAt: true,
      doctors: { select: { userId: true, specialty: true, verification: true, user: { select: { name: true } } }, orderBy: { user: { name: "asc" } } },
    },
  });
  if (!row) return null;
  const { doctors, updatedAt, ...summary } = row;
  return {
    ...toSummary(summary),
    updatedAt,
    doctors: doctors.map((d) => ({ doctorId: d.userId, name: d.user.name, specialty: d.specialty, verification: d.verification })),
  };
}

/** Names are unique in the database as typed; this also catches the same name in another case. */
export async function facilityNameTaken(name: string, exceptId?: string): Promise<boolean> {
  const clash = await db().facility.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  return clash !== null;
}

export async function insertFacility(tx: Tx, fields: { name: string; city: string; address: string }): Promise<string> {
  const { id } = await tx.facility.create({ data: fields, select: { id: true } });
  return id;
}

/** Returns the fields as they were before the change, or null when there is no such facility. */
export async function updateFacilityFields(tx: Tx, facilityId: string, fields: { name: string; city: string; address: string }): Promise<{ name: string; city: string; address: string } | null> {
  const before = await tx.facility.findUnique({ where: { id: facilityId }, select: { name: true, city: true, address: true } });
  if (!before) return null;
  await tx.facility.update({ where: { id: facilityId }, data: fields });
  return before;
}

/** Flips `active` only if it differs, so repeating a deactivation is a no-op that writes nothing. */
export async function switchFacilityActive(tx: Tx, facilityId: string, active: boolean): Promise<"changed" | "unchanged" | "missing"> {
  const { count } = await tx.facility.updateMany({ where: { id: facilityId, active: !active }, data: { active } });
  if (count === 1) return "changed";
  const exists = await tx.facility.findUnique({ where: { id: facilityId }, select: { id: true } });
  return exists ? "unchanged" : "missing";
}
