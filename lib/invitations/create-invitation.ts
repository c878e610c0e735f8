import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { invitationTokenHash } from "@/lib/accounts/register-patient";
import { emailSchema, fieldErrorsOf } from "@/lib/accounts/schemas";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { notify } from "@/lib/notify/notifier";
import { fail, ok, type Result } from "@/lib/result";

export const INVITATION_VALIDITY_DAYS = 7;

const invitationSchema = z.object({
  patientName: z.string({ error: "Enter the patient's name." }).trim().min(2, "Enter the patient's name.").max(120, "Use at most 120 characters."),
  email: emailSchema,
});

export interface CreatedInvitationDto {
  invitationId: string;
  /** Path with the one-time token; shown to the doctor once, never stored. */
  registrationPath: string;
  expiresAt: Date;
}

/** A verified doctor invites a patient: a one-time registration link valid for 7 days. */
export async function createPatientInvitation(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<CreatedInvitationDto>> {
  const allowed = await authorize(actor, "invitation.create", { type: "invitation" }, context);
  if (!allowed.ok) return allowed;
  const parsed = invitationSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));

  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_VALIDITY_DAYS * 24 * 60 * 60 * 1000);
  const invitation = await db().$transaction(async (tx) => {
    const created = await tx.patientInvitation.create({
      data: { doctorId: allowed.actor.id, patientName: parsed.data.patientName, email: parsed.data.email, tokenHash: invitationTokenHash(token), expiresAt },
    });
    await recordAuditEvent({ actorId: allowed.actor.id, actorRole: "DOCTOR", action: "invitation.create", subjectType: "invitation", subjectId: created.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent }, tx);
    return created;
  });
  const registrationPath = `/register?invite=${token}`;
  await notify({ kind: "patient_invitation", recipientEmail: parsed.data.email, variables: { registrationPath } });
  return ok({ invitationId: invitation.id, registrationPath, expiresAt });
}
