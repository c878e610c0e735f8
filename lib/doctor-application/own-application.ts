import "server-only";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { fieldErrorsOf, practiceSchema } from "@/lib/accounts/schemas";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { constraintViolation } from "@/lib/db/errors";
import { fail, ok, type Result } from "@/lib/result";

export interface OwnApplicationDto {
  name: string;
  specialty: string;
  licenseJurisdiction: string;
  licenseNumber: string;
  facilityId: string;
  facilityName: string;
  timeZone: string;
  bio: string;
  verification: "PENDING" | "VERIFIED" | "REJECTED" | "SUSPENDED";
  decisionReason: string | null;
  decidedAt: Date | null;
  appliedAt: Date;
}

/** The signed-in doctor's application as they see it (state, and the reason when rejected). */
export async function getOwnApplication(actor: Actor | null): Promise<Result<OwnApplicationDto>> {
  const allowed = await authorize(actor, "doctor.read_own_application", { ownerId: actor?.id, type: "doctor", id: actor?.id });
  if (!allowed.ok) return allowed;
  const profile = await db().doctorProfile.findUnique({ where: { userId: allowed.actor.id }, include: { facility: { select: { name: true } }, user: { select: { name: true } } } });
  if (!profile) return fail("NOT_FOUND", "Not found.");
  return ok({
    name: profile.user.name,
    specialty: profile.specialty,
    licenseJurisdiction: profile.licenseJurisdiction,
    licenseNumber: profile.licenseNumber,
    facilityId: profile.facilityId,
    facilityName: profile.facility.name,
    timeZone: profile.timeZone,
    bio: profile.bio,
    verification: profile.verification,
    decisionReason: profile.decisionReason,
    decidedAt: profile.decidedAt,
    appliedAt: profile.createdAt,
  });
}

/** A rejected (or still pending) doctor edits the application; a rejected one goes back to PENDING. */
export async function resubmitOwnApplication(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<null>> {
  const allowed = await authorize(actor, "doctor.edit_own_application", { ownerId: actor?.id, type: "doctor", id: actor?.id }, context);
  if (!allowed.ok) return allowed;
  const parsed = practiceSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const facility = await db().facility.findFirst({ where: { id: parsed.data.facilityId, active: true }, select: { id: true } });
  if (!facility) return fail("VALIDATION", "Please correct the highlighted fields.", { facilityId: ["Choose one of the listed facilities."] });

  try {
    const updated = await db().$transaction(async (tx) => {
      const changed = await tx.doctorProfile.updateMany({
        where: { userId: allowed.actor.id, verification: { in: ["PENDING", "REJECTED"] } },
        data: { ...parsed.data, licenseValidUntil: parsed.data.licenseValidUntil ? new Date(`${parsed.data.licenseValidUntil}T00:00:00Z`) : null, verification: "PENDING" },
      });
      if (changed.count === 1) {
        await recordAuditEvent({ actorId: allowed.actor.id, actorRole: "DOCTOR", action: "doctor.reapply", subjectType: "user", subjectId: allowed.actor.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent }, tx);
      }
      return changed.count;
    });
    if (updated === 0) return fail("CONFLICT", "Your application can no longer be edited.");
    return ok(null);
  } catch (error) {
    if (constraintViolation(error) === "UNIQUE") return fail("CONFLICT", "This license number is already registered with MedAnchor.", { licenseNumber: ["This license number is already registered with MedAnchor."] });
    throw error;
  }
}
