import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { VerificationState } from "@/lib/db/generated/enums";
import { pageOf, pageWindow, type PageDto } from "@/lib/pagination";
import type { DirectoryDoctorDto, DoctorApplicationDto, DoctorApplicationSummaryDto } from "./dtos";
import { allowedDecisions } from "./transitions";

type Tx = Prisma.TransactionClient;

const summarySelect = {
  userId: true,
  specialty: true,
  licenseJurisdiction: true,
  licenseNumber: true,
  timeZone: true,
  verification: true,
  createdAt: true,
  user: { select: { name: true, email: true } },
  facility: { select: { name: true } },
} satisfies Prisma.DoctorProfileSelect;

type SummaryRow = Prisma.DoctorProfileGetPayload<{ select: typeof summarySelect }>;

function toSummary(row: SummaryRow): DoctorApplicationSummaryDto {
  return {
    doctorId: row.userId,
    name: row.user.name,
    email: row.user.email,
    specialty: row.specialty,
    licenseJurisdiction: row.licenseJurisdiction,
    licenseNumber: row.licenseNumber,
    facilityName: row.facility.name,
    timeZone: row.timeZone,
    state: row.verification,
    appliedAt: row.createdAt,
  };
}

export async function findApplicationsPage(filter: { state?: VerificationState; query?: string }, requestedPage: number): Promise<PageDto<DoctorApplicationSummaryDto>> {
  const where: Prisma.DoctorProfileWhereInput = {
    ...(filter.state ? { verification: filter.state } : {}),
    ...(filter.query
      ? {
          OR: [
            { user: { name: { contains: filter.query, mode: "insensitive" } } },
            { user: { email: { contains: filter.query, mode: "insensitive" } } },
            { specialty: { contains: filter.query, mode: "insensitive" } },
            // License numbers are stored normalised (upper case, no spaces or dashes).
            { licenseNumber: { contains: filter.query.replace(/[\s-]/g, "").toUpperCase() } },
          ],
        }
      : {}),
  };
  const total = await db().doctorProfile.count({ where });
  const window = pageWindow(requestedPage, total);
  const rows = await db().doctorProfile.findMany({
    where,
    select: summarySelect,
    orderBy: [{ createdAt: "desc" }, { userId: "asc" }],
    skip: window.skip,
    take: window.take,
  });
  return pageOf(rows.map(toSummary), window, total);
}

export async function findApplication(doctorId: string): Promise<DoctorApplicationDto | null> {
  const row = await db().doctorProfile.findUnique({
    where: { userId: doctorId },
    select: {
      ...summarySelect,
      bio: true,
      facilityId: true,
      decidedAt: true,
      decidedById: true,
      decisionReason: true,
      user: { select: { name: true, email: true, status: true } },
      facility: { select: { name: true, city: true, active: true } },
    },
  });
  if (!row) return null;
  // decidedById has no relation in the schema (deciders may be deleted; the audit trail keeps the id).
  const decider = row.decidedById ? await db().user.findUnique({ where: { id: row.decidedById }, select: { name: true } }) : null;
  return {
    ...toSummary(row),
    bio: row.bio,
    facilityId: row.facilityId,
    facilityCity: row.facility.city,
    facilityActive: row.facility.active,
    accountStatus: row.user.status,
    lastDecision: row.decidedAt ? { decidedAt: row.decidedAt, decidedByName: decider?.name ?? null, reason: row.decisionReason } : null,
    allowedDecisions: allowedDecisions(row.verification),
  };
}

export async function findVerificationState(doctorId: string): Promise<VerificationState | null> {
  const row = await db().doctorProfile.findUnique({ where: { userId: doctorId }, select: { verification: true } });
  return row?.verification ?? null;
}

/**
 * Moves an application from `from` to `to` only if it is still in `from` (a conditional update, so of
 * two admins deciding at once exactly one wins). Returns whether this call made the change.
 */
export async function transitionVerification(
  tx: Tx,
  change: { doctorId: string; from: VerificationState; to: VerificationState; decidedById: string; decidedAt: Date; reason: string | null; endSessions: boolean },
): Promise<boolean> {
  const { count } = await tx.doctorProfile.updateMany({
    where: { userId: change.doctorId, verification: change.from },
    data: { verification: change.to, decidedById: change.decidedById, decidedAt: change.decidedAt, decisionReason: change.reason },
  });
  if (count !== 1) return false;
  if (change.endSessions) await tx.user.update({ where: { id: change.doctorId }, data: { sessionVersion: { increment: 1 } } });
  return true;
}

export async function findVerifiedDoctorsPage(filter: { query?: string; specialty?: string; facilityId?: string }, requestedPage: number): Promise<PageDto<DirectoryDoctorDto>> {
  const where: Prisma.DoctorProfileWhereInput = {
    verification: "VERIFIED",
    user: { status: "ACTIVE", ...(filter.query ? { name: { contains: filter.query, mode: "insensitive" } } : {}) },
    ...(filter.specialty ? { specialty: filter.specialty } : {}),
    ...(filter.facilityId ? { facilityId: filter.facilityId } : {}),
  };
  const total = await db().doctorProfile.count({ where });
  const window = pageWindow(requestedPage, total);
  const rows = await db().doctorProfile.findMany({
    where,
    select: { userId: true, specialty: true, timeZone: true, user: { select: { name: true } }, facility: { select: { name: true, city: true } } },
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
    skip: window.skip,
    take: window.take,
  });
  return pageOf(
    rows.map((row) => ({ doctorId: row.userId, name: row.user.name, specialty: row.specialty, facilityName: row.facility.name, facilityCity: row.facility.city, timeZone: row.timeZone })),
    window,
    total,
  );
}
