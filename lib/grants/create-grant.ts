import "server-only";
import { fieldErrorsOf } from "@/lib/accounts/schemas";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { fail, ok, type Result } from "@/lib/result";
import { recordGrantAnchor } from "./grant-anchor";
import { windowFrom } from "./grant-window";
import { createGrantSchema, MAX_GRANT_MS } from "./schemas";
import { ownStoredDocumentIds } from "./shared-documents";

/**
 * The patient shares without being asked: all documents or chosen ones (one document is the seeds'
 * "share a file"), READ or READ_WRITE, with a verified doctor, through the end of a chosen day (UTC).
 * Active at once, with its anchor row in the same transaction.
 */
export async function createGrant(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<{ grantId: string }>> {
  const auth = await authorize(actor, "grant.create", { ownerId: actor?.id, type: "grant" }, context);
  if (!auth.ok) return auth;
  const parsed = createGrantSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const data = parsed.data;
  const now = new Date();
  const notAfter = new Date(`${data.until}T00:00:00Z`);
  notAfter.setUTCDate(notAfter.getUTCDate() + 1);
  if (notAfter <= now) return fail("VALIDATION", "Choose today or a later day.", { until: ["Choose today or a later day."] });
  if (notAfter.getTime() - now.getTime() > MAX_GRANT_MS) return fail("VALIDATION", "Share for at most a year.", { until: ["Share for at most a year."] });
  const doctor = await db().doctorProfile.findFirst({ where: { userId: data.doctorId, verification: "VERIFIED", user: { status: "ACTIVE" } }, select: { userId: true } });
  if (!doctor) return fail("VALIDATION", "Choose a verified doctor.", { doctorId: ["Choose a verified doctor."] });
  const documentIds = data.allDocuments ? [] : data.documentIds;
  if (!data.allDocuments) {
    if (documentIds.length === 0) return fail("VALIDATION", "Pick at least one document to share.", { documentIds: ["Pick at least one document to share."] });
    const own = await ownStoredDocumentIds(auth.actor.id, documentIds);
    if (own.length !== documentIds.length) return fail("VALIDATION", "Pick documents from your own list.", { documentIds: ["Pick documents from your own list."] });
  }
  const window = windowFrom(now, { notAfter });
  const grant = await db().$transaction(async (tx) => {
    const created = await tx.accessGrant.create({
      data: {
        patientId: auth.actor.id,
        doctorId: doctor.userId,
        requestedById: auth.actor.id,
        allDocuments: data.allDocuments,
        permission: data.permission,
        state: "ACTIVE",
        notBefore: window.notBefore,
        notAfter: window.notAfter,
        decidedAt: now,
        documents: { create: documentIds.map((documentId) => ({ documentId })) },
      },
      select: { id: true },
    });
    await recordGrantAnchor(tx, { id: created.id, patientId: auth.actor.id, doctorId: doctor.userId, permission: data.permission, allDocuments: data.allDocuments, documentIds, ...window });
    await tx.notification.create({ data: { userId: doctor.userId, kind: "grant.created", grantId: created.id } });
    await recordAuditEvent(
      { actorId: auth.actor.id, actorRole: auth.actor.role, action: "grant.create", subjectType: "grant", subjectId: created.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent, details: { permission: data.permission, documents: data.allDocuments ? "all" : documentIds.length } },
      tx,
    );
    return created;
  });
  return ok({ grantId: grant.id });
}
