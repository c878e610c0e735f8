import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { documentEnv } from "@/lib/env";
import { endGrantAnchor } from "./grant-anchor";

/** Unanswered requests lapse after this long (or when their visit's grace period has passed). */
export const REQUEST_LAPSES_AFTER_DAYS = 30;

/**
 * Worker task: marks ACTIVE grants whose window has passed EXPIRED (with an EXPIRE anchor row, one
 * transaction per grant) and lets stale requests lapse. Reads never wait for this: they check the
 * window themselves.
 */
export async function expireGrants(now = new Date(), batch = 200): Promise<{ expired: number; lapsedRequests: number }> {
  const due = await db().accessGrant.findMany({ where: { state: "ACTIVE", notAfter: { lte: now } }, select: { id: true }, take: batch, orderBy: { notAfter: "asc" } });
  let expired = 0;
  for (const { id } of due) {
    const moved = await db().$transaction(async (tx) => {
      const updated = await tx.accessGrant.updateMany({ where: { id, state: "ACTIVE", notAfter: { lte: now } }, data: { state: "EXPIRED", endedAt: now } });
      if (updated.count !== 1) return false;
      await endGrantAnchor(tx, id, "EXPIRE");
      await recordAuditEvent({ action: "grant.expire", subjectType: "grant", subjectId: id, outcome: "ALLOW" }, tx);
      return true;
    });
    if (moved) expired += 1;
  }
  const graceMs = documentEnv().grantAfterVisitHours * 3_600_000;
  const lapsed = await db().accessGrant.updateMany({
    where: {
      state: "REQUESTED",
      OR: [
        { createdAt: { lte: new Date(now.getTime() - REQUEST_LAPSES_AFTER_DAYS * 86_400_000) } },
        { appointment: { endsAt: { lte: new Date(now.getTime() - graceMs) } } },
        { appointment: { status: "CANCELLED" } },
      ],
    },
    data: { state: "EXPIRED", endedAt: now },
  });
  return { expired, lapsedRequests: lapsed.count };
}
