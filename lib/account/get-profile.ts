import "server-only";
import { db } from "@/lib/db/client";
import type { Role, VerificationState } from "@/lib/db/generated/enums";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";

export interface OwnProfileDto {
  name: string;
  email: string;
  role: Role;
  createdAt: Date;
  /** Patients only: the identifier they give to doctors. */
  publicId?: string;
  doctor?: { specialty: string; facility: string; verification: VerificationState };
  mfaEnabled: boolean;
  mfaEnabledAt: Date | null;
  /** Unused recovery codes; 0 when two-factor authentication is off. */
  recoveryCodesLeft: number;
}

/** The signed-in user's own account, as shown on the account and security pages. */
export async function getOwnProfile(actor: Actor | null, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<OwnProfileDto>> {
  const allowed = await authorize(actor, "profile.read_own", { ownerId: actor?.id, type: "user", id: actor?.id }, context);
  if (!allowed.ok) return allowed;

  const user = await db().user.findUnique({
    where: { id: allowed.actor.id },
    select: {
      name: true,
      email: true,
      role: true,
      createdAt: true,
      totpEnabledAt: true,
      patientProfile: { select: { publicId: true } },
      doctorProfile: { select: { specialty: true, verification: true, facility: { select: { name: true } } } },
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  if (!user) return fail("NOT_FOUND", "Not found.");

  const mfaEnabled = user.totpEnabledAt !== null;
  return ok({
    name: user.name,
    email: user.email,
    role: user.role,
    createdAt: user.createdAt,
    ...(user.patientProfile ? { publicId: user.patientProfile.publicId } : {}),
    ...(user.doctorProfile
      ? { doctor: { specialty: user.doctorProfile.specialty, facility: user.doctorProfile.facility.name, verification: user.doctorProfile.verification } }
      : {}),
    mfaEnabled,
    mfaEnabledAt: user.totpEnabledAt,
    recoveryCodesLeft: mfaEnabled ? user._count.recoveryCodes : 0,
  });
}
