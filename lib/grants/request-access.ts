import "server-only";
import { z } from "zod";
import { fieldErrorsOf } from "@/lib/accounts/schemas";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { queueGrantMail } from "@/lib/mail/grant-mail";
import { db } from "@/lib/db/client";
import { constraintViolation } from "@/lib/db/errors";
import { documentEnv } from "@/lib/env";
import { fail, ok, type Result } from "@/lib/result";
import { requestAccessSchema } from "./schemas";

/** Whether the doctor sees this patient: a visit (any state) or a link from an invitation. */
export async function doctorKnowsPatient(doctorId: string, patientId: string): Promise<boolean> {
  const [visit, link] = await Promise.all([
    db().appointment.findFirst({ where: { doctorId, patientId }, select: { id: true } }),
    db().doctorPatient.findUnique({ where: { doctorId_patientId: { doctorId, patientId } }, select: { doctorId: true } }),
  ]);
  return !!visit || !!link;
}

/**
 * A verified doctor asks one of their patients for access: why, all documents or the ones the patient
 * picks, READ or READ_WRITE, and for how long (until a grace period after one of their visits, or a
 * number of days from approval). One open request per doctor and patient.
 */
export async function requestAccess(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<{ grantId: string }>> {
  const parsed = requestAccessSchema.safeParse(input);
  // The patient is looked up even when other fields are invalid, so a doctor gets field errors, not "not found".
  const patientField = z.object({ patientId: z.uuid() }).safeParse(input);
  const patientId = patientField.success ? patientField.data.patientId : undefined;
  const related = actor && patientId ? await doctorKnowsPatient(actor.id, patientId) : false;
  const auth = await authorize(actor, "grant.request", { ownerId: patientId, doctorId: related ? actor?.id : undefined, type: "patient", id: patientId }, context);
  if (!auth.ok) return auth;
  if (!parsed.success) return fail("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const data = parsed.data;
  const now = new Date();
  if (data.appointmentId) {
    const visit = await db().appointment.findFirst({ where: { id: data.appointmentId, doctorId: auth.actor.id, patientId: data.patientId, status: { not: "CANCELLED" } }, select: { endsAt: true } });
    if (!visit) return fail("VALIDATION", "Choose one of your visits with this patient.", { appointmentId: ["Choose one of your visits with this patient."] });
    if (visit.endsAt.getTime() + documentEnv().grantAfterVisitHours * 3_600_000 <= now.getTime()) {
      return fail("VALIDATION", "That visit is over; ask for a number of days instead.", { appointmentId: ["That visit is over; ask for a number of days instead."] });
    }
  }
  const open = await db().accessGrant.findFirst({ where: { doctorId: auth.actor.id, patientId: data.patientId, state: "REQUESTED" }, select: { id: true } });
  if (open) return fail("CONFLICT", "You already have a request waiting for this patient's answer.");
  const grant = await db()
    .$transaction(async (tx) => {
    const created = await tx.accessGrant.create({
      data: {
        patientId: data.patientId,
        doctorId: auth.actor.id,
        requestedById: auth.actor.id,
        appointmentId: data.appointmentId ?? null,
        reason: data.reason,
        allDocuments: data.allDocuments,
        permission: data.permission,
        durationDays: data.durationDays ?? null,
        state: "REQUESTED",
      },
      select: { id: true },
    });
    await tx.notification.create({ data: { userId: data.patientId, kind: "grant.requested", grantId: created.id } });
    await queueGrantMail(tx, "access.requested", { id: created.id, patientId: data.patientId, doctorId: auth.actor.id });
    await recordAuditEvent(
      { actorId: auth.actor.id, actorRole: auth.actor.role, action: "grant.request", subjectType: "grant", subjectId: created.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent, details: { permission: data.permission, allDocuments: data.allDocuments } },
      tx,
    );
    return created;
  })
    // A concurrent request won the race for the one open slot (partial unique index).
    .catch((error: unknown) => (constraintViolation(error) === "UNIQUE" ? null : Promise.reject(error)));
  if (!grant) return fail("CONFLICT", "You already have a request waiting for this patient's answer.");
  return ok({ grantId: grant.id });
}
