import "server-only";
import { fieldErrorsOf } from "@/lib/accounts/schemas";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { queueGrantMail } from "@/lib/mail/grant-mail";
import { db } from "@/lib/db/client";
import { documentEnv } from "@/lib/env";
import { fail, ok, type Result } from "@/lib/result";
import { recordGrantAnchor } from "./grant-anchor";
import { windowFrom } from "./grant-window";
import { decideRequestSchema } from "./schemas";
import { ownStoredDocumentIds } from "./shared-documents";

/**
 * The patient answers a doctor's request. Approving may narrow it (chosen documents instead of all,
 * READ instead of READ_WRITE, fewer days) but never widen it; the grant opens now and its anchor row
 * is written in the same transaction. Denying closes it. A request already answered is a CONFLICT.
 */
export async function decideAccessRequest(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<{ grantId: string; state: "ACTIVE" | "DENIED" }>> {
  const parsed = decideRequestSchema.safeParse(input);
  const grant = parsed.success ? await db().accessGrant.findUnique({ where: { id: parsed.data.grantId }, include: { appointment: { select: { endsAt: true, status: true } } } }) : null;
  const auth = await authorize(actor, "grant.decide", { ownerId: grant?.patientId, type: "grant", id: parsed.success ? parsed.data.grantId : undefined }, context);
  if (!auth.ok) return auth;
  if (!parsed.success) return fail("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  if (!grant) return fail("NOT_FOUND", "Not found.");
  if (grant.state !== "REQUESTED") return fail("CONFLICT", "This request has already been answered.");
  const decision = parsed.data;
  const now = new Date();

  if (decision.decision === "deny") {
    const denied = await db().$transaction(async (tx) => {
      const moved = await tx.accessGrant.updateMany({ where: { id: grant.id, state: "REQUESTED" }, data: { state: "DENIED", decidedAt: now, endedAt: now, endedById: auth.actor.id } });
      if (moved.count !== 1) return false;
      await tx.notification.create({ data: { userId: grant.doctorId, kind: "grant.denied", grantId: grant.id } });
      await queueGrantMail(tx, "access.denied", grant);
      await recordAuditEvent({ actorId: auth.actor.id, actorRole: auth.actor.role, action: "grant.deny", subjectType: "grant", subjectId: grant.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent }, tx);
      return true;
    });
    return denied ? ok({ grantId: grant.id, state: "DENIED" }) : fail("CONFLICT", "This request has already been answered.");
  }

  if (decision.allDocuments && !grant.allDocuments) return fail("VALIDATION", "The doctor asked for chosen documents only: pick them.", { documentIds: ["Pick the documents to share."] });
  if (decision.permission === "READ_WRITE" && grant.permission === "READ") return fail("VALIDATION", "The doctor asked to read only.", { permission: ["The doctor asked to read only."] });
  const documentIds = decision.allDocuments ? [] : decision.documentIds;
  if (!decision.allDocuments) {
    if (documentIds.length === 0) return fail("VALIDATION", "Pick at least one document to share.", { documentIds: ["Pick at least one document to share."] });
    const own = await ownStoredDocumentIds(auth.actor.id, documentIds);
    if (own.length !== documentIds.length) return fail("VALIDATION", "Pick documents from your own list.", { documentIds: ["Pick documents from your own list."] });
  }
  let window;
  if (grant.appointmentId) {
    if (!grant.appointment || grant.appointment.status === "CANCELLED") return fail("CONFLICT", "The visit this request was for was cancelled.");
    window = windowFrom(now, { visitEndsAt: grant.appointment.endsAt, graceHours: documentEnv().grantAfterVisitHours });
    if (window.notAfter <= now) return fail("CONFLICT", "The visit this request was for is over.");
  } else {
    const asked = grant.durationDays ?? 1;
    const days = decision.durationDays ?? asked;
    if (days > asked) return fail("VALIDATION", `The doctor asked for ${asked} days; you can give fewer, not more.`, { durationDays: [`At most ${asked} days.`] });
    window = windowFrom(now, { days });
  }

  const approved = await db().$transaction(async (tx) => {
    const moved = await tx.accessGrant.updateMany({
      where: { id: grant.id, state: "REQUESTED" },
      data: { state: "ACTIVE", allDocuments: decision.allDocuments, permission: decision.permission, notBefore: window.notBefore, notAfter: window.notAfter, decidedAt: now },
    });
    if (moved.count !== 1) return false;
    if (documentIds.length) await tx.accessGrantDocument.createMany({ data: documentIds.map((documentId) => ({ grantId: grant.id, documentId })) });
    await recordGrantAnchor(tx, { id: grant.id, patientId: grant.patientId, doctorId: grant.doctorId, permission: decision.permission, allDocuments: decision.allDocuments, documentIds, ...window });
    await tx.notification.create({ data: { userId: grant.doctorId, kind: "grant.approved", grantId: grant.id } });
    await queueGrantMail(tx, "access.approved", grant);
    await recordAuditEvent(
      { actorId: auth.actor.id, actorRole: auth.actor.role, action: "grant.approve", subjectType: "grant", subjectId: grant.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent, details: { permission: decision.permission, documents: decision.allDocuments ? "all" : documentIds.length } },
      tx,
    );
    return true;
  });
  return approved ? ok({ grantId: grant.id, state: "ACTIVE" }) : fail("CONFLICT", "This request has already been answered.");
}
