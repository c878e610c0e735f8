import "server-only";
import { db } from "@/lib/db/client";
import { authorize } from "@/lib/authz/authorize";
import type { Actor } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";

export interface PatientOverviewDto {
  name: string;
  publicId: string;
  doctors: { name: string; specialty: string; facilityName: string; verified: boolean }[];
}

/** The patient's own dashboard data: their public identifier and the doctors they are linked with. */
export async function getPatientOverview(actor: Actor | null): Promise<Result<PatientOverviewDto>> {
  const allowed = await authorize(actor, "profile.read_own", { ownerId: actor?.id, type: "user", id: actor?.id });
  if (!allowed.ok) return allowed;
  const profile = await db().patientProfile.findUnique({
    where: { userId: allowed.actor.id },
    include: {
      user: { select: { name: true } },
      doctors: { include: { doctor: { select: { specialty: true, verification: true, facility: { select: { name: true } }, user: { select: { name: true } } } } }, orderBy: { createdAt: "desc" } },
    },
  });
  if (!profile) return fail("NOT_FOUND", "Not found.");
  return ok({
    name: profile.user.name,
    publicId: profile.publicId,
    doctors: profile.doctors.map((link) => ({
      name: link.doctor.user.name,
      specialty: link.doctor.specialty,
      facilityName: link.doctor.facility.name,
      verified: link.doctor.verification === "VERIFIED",
    })),
  });
}
