import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authorize } from "@/lib/authz/authorize";
import { queueMail } from "@/lib/mail/outbox";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { recordDoctorAttestation, revokeDoctorAttestation } from "./attestation-anchor";
import { findVerificationState, transitionVerification } from "./doctor-repository";
import type { DoctorDecisionOutcomeDto } from "./dtos";
import { decideDoctorSchema } from "./schemas";
import { DECISION_TRANSITIONS, transitionProblem } from "./transitions";

/** The mail the doctor gets after each decision; always sent (account mails have no opt-out). */
const DECISION_MAILS = { VERIFY: "account.verified", REINSTATE: "account.verified", REJECT: "account.rejected", SUSPEND: "account.suspended" } as const;

const RACE_MESSAGE = "Someone else decided on this application at the same moment. Reload the page to see where it stands now.";

/**
 * Verify, reject, suspend or reinstate a doctor. The state change, who/when/why, the session bump on
 * suspension and the audit event commit together or not at all.
 */
export async function decideDoctor(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<DoctorDecisionOutcomeDto>> {
  const parsed = decideDoctorSchema.safeParse(input);
  const allowed = await authorize(actor, "doctor.decide", { type: "user", id: parsed.success ? parsed.data.doctorId : undefined }, context);
  if (!allowed.ok) return allowed;
  if (!parsed.success) return fail("VALIDATION", "Please correct the highlighted fields.", z.flattenError(parsed.error).fieldErrors);
  const { doctorId, decision, reason } = parsed.data;
  const admin = allowed.actor;

  const current = await findVerificationState(doctorId);
  if (!current) return fail("NOT_FOUND", "No doctor application with this id.");
  const problem = transitionProblem(current, decision);
  if (problem) return fail("CONFLICT", problem);

  const transition = DECISION_TRANSITIONS[decision];
  const decidedAt = new Date();
  try {
    await db().$transaction(async (tx) => {
      const changed = await transitionVerification(tx, {
        doctorId,
        from: transition.from,
        to: transition.to,
        decidedById: admin.id,
        decidedAt,
        reason: reason ?? null,
        // Belt and braces: loadActor already refuses suspended doctors, and the bumped version ends their tokens too.
        endSessions: decision === "SUSPEND",
      });
      if (!changed) throw new LostRace();
      // The verification itself is attested on chain (ids and times only); suspension revokes it.
      if (transition.to === "VERIFIED") await recordDoctorAttestation(tx, doctorId, decidedAt);
      if (decision === "SUSPEND") await revokeDoctorAttestation(tx, doctorId);
      // Keyed by the decision time: a doctor rejected, corrected and verified later gets each decision once.
      await queueMail(tx, [{ template: DECISION_MAILS[decision], userId: doctorId, subjectId: String(decidedAt.getTime()), data: {} }]);
      await recordAuditEvent(
        {
          actorId: admin.id,
          actorRole: admin.role,
          action: transition.auditAction,
          subjectType: "user",
          subjectId: doctorId,
          outcome: "ALLOW",
          ip: context.ip,
          userAgent: context.userAgent,
          details: { from: transition.from, to: transition.to, reason: reason ?? null },
        },
        tx,
      );
    });
  } catch (error) {
    if (error instanceof LostRace) return fail("CONFLICT", RACE_MESSAGE);
    throw error;
  }
  return ok({ doctorId, state: transition.to, decidedAt });
}

class LostRace extends Error {}
