import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma, Role } from "@/lib/db/generated/client";
import type { AdminOverviewDto, UserSummaryDto } from "./dtos";
import { pageOf, pageWindow, type PageDto } from "@/lib/pagination";

export async function findUsersPage(filter: { query?: string; role?: Role }, requestedPage: number): Promise<PageDto<UserSummaryDto>> {
  const where: Prisma.UserWhereInput = {
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.query
      ? {
          OR: [{ name: { contains: filter.query, mode: "insensitive" } }, { email: { contains: filter.query, mode: "insensitive" } }],
        }
      : {}),
  };
  const total = await db().user.count({ where });
  const window = pageWindow(requestedPage, total);
  const rows = await db().user.findMany({
    where,
    select: { id: true, name: true, email: true, role: true, status: true, createdAt: true, doctorProfile: { select: { verification: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: window.skip,
    take: window.take,
  });
  return pageOf(
    rows.map(({ doctorProfile, ...user }) => ({ ...user, doctorVerification: doctorProfile?.verification ?? null })),
    window,
    total,
  );
}

export async function countOverview(): Promise<AdminOverviewDto> {
  const [pendingApplications, verifiedDoctors, suspendedDoctors, patients, activeFacilities, inactiveFacilities] = await db().$transaction([
    db().doctorProfile.count({ where: { verification: "PENDING" } }),
    db().doctorProfile.count({ where: { verification: "VERIFIED" } }),
    db().doctorProfile.count({ where: { verification: "SUSPENDED" } }),
    db().user.count({ where: { role: "PATIENT" } }),
    db().facility.count({ where: { active: true } }),
    db().facility.count({ where: { active: false } }),
  ]);
  return { pendingApplications, verifiedDoctors, suspendedDoctors, patients, activeFacilities, inactiveFacilities };
}
