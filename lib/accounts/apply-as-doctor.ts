import "server-only";
import { db } from "@/lib/db/client";
import { constraintViolation } from "@/lib/db/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import { NO_REQUEST_CONTEXT, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { DUPLICATE_EMAIL_MESSAGE, type RegisteredAccountDto } from "./register-patient";
import { doctorApplicationSchema, fieldErrorsOf } from "./schemas";

const DUPLICATE_LICENSE_MESSAGE = "This license number is already registered with MedAnchor.";

/** A doctor's application: the account can sign in at once but acts as a doctor only once verified. */
export async function applyAsDoctor(input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<RegisteredAccountDto>> {
  const parsed = doctorApplicationSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const data = parsed.data;

  const facility = await db().facility.findFirst({ where: { id: data.facilityId, active: true }, select: { id: true } });
  if (!facility) return fail("VALIDATION", "Please correct the highlighted fields.", { facilityId: ["Choose one of the listed facilities."] });
  const passwordHash = await hashPassword(data.password);

  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: data.email, name: data.name, role: "DOCTOR", passwordHash } });
      await tx.doctorProfile.create({
        data: {
          userId: user.id,
          specialty: data.specialty,
          licenseNumber: data.licenseNumber,
          licenseJurisdiction: data.licenseJurisdiction,
          licenseValidUntil: data.licenseValidUntil ? new Date(`${data.licenseValidUntil}T00:00:00Z`) : null,
          facilityId: data.facilityId,
          timeZone: data.timeZone,
          bio: data.bio,
          dateOfBirth: data.dateOfBirth,
          phone: data.phone ?? null,
        },
      });
      await recordAuditEvent({ actorId: user.id, actorRole: "DOCTOR", action: "doctor.apply", subjectType: "user", subjectId: user.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent }, tx);
      return ok({ userId: user.id });
    });
  } catch (error) {
    if (constraintViolation(error) === "UNIQUE") {
      const emailTaken = await db().user.findUnique({ where: { email: data.email }, select: { id: true } });
      return emailTaken
        ? fail("CONFLICT", DUPLICATE_EMAIL_MESSAGE, { email: [DUPLICATE_EMAIL_MESSAGE] })
        : fail("CONFLICT", DUPLICATE_LICENSE_MESSAGE, { licenseNumber: [DUPLICATE_LICENSE_MESSAGE] });
    }
    throw error;
  }
}
