import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { constraintViolation } from "@/lib/db/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import { NO_REQUEST_CONTEXT, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { newPatientPublicId } from "./public-id";
import { fieldErrorsOf, patientRegistrationSchema } from "./schemas";

export interface RegisteredAccountDto {
  userId: string;
  publicId?: string;
}

export const DUPLICATE_EMAIL_MESSAGE = "An account with this email already exists. Sign in instead.";
export const INVALID_INVITATION_MESSAGE = "This invitation link is invalid, expired or already used. Ask your doctor for a new one.";

export function invitationTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Patient self-registration, optionally through a doctor's invitation (which links the two). Everything
 * is written in one transaction: a rejected invitation or a duplicate email leaves nothing behind.
 */
export async function registerPatient(input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<RegisteredAccountDto>> {
  const parsed = patientRegistrationSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const data = parsed.data;
  const passwordHash = await hashPassword(data.password);

  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: data.email, name: data.name, role: "PATIENT", passwordHash } });
      const publicId = newPatientPublicId();
      await tx.patientProfile.create({ data: { userId: user.id, publicId, dateOfBirth: data.dateOfBirth, phone: data.phone ?? null } });

      if (data.invitationToken) {
        // Conditional update: of two registrations racing on one link, exactly one claims it.
        const claimed = await tx.patientInvitation.updateManyAndReturn({
          where: { tokenHash: invitationTokenHash(data.invitationToken), usedAt: null, expiresAt: { gt: new Date() } },
          data: { usedAt: new Date(), usedById: user.id },
        });
        const invitation = claimed[0];
        if (!invitation) throw new InvalidInvitation();
        await tx.doctorPatient.create({ data: { doctorId: invitation.doctorId, patientId: user.id } });
      }

      await recordAuditEvent(
        { actorId: user.id, actorRole: "PATIENT", action: "account.register", subjectType: "user", subjectId: user.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent, details: { viaInvitation: Boolean(data.invitationToken) } },
        tx,
      );
      return ok({ userId: user.id, publicId });
    });
  } catch (error) {
    if (error instanceof InvalidInvitation) return fail("INVALID_INVITATION", INVALID_INVITATION_MESSAGE, { form: [INVALID_INVITATION_MESSAGE] });
    if (constraintViolation(error) === "UNIQUE") return fail("CONFLICT", DUPLICATE_EMAIL_MESSAGE, { email: [DUPLICATE_EMAIL_MESSAGE] });
    throw error;
  }
}

class InvalidInvitation extends Error {}
