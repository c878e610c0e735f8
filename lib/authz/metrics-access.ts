import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { metricsToken } from "@/lib/env";
import { fail, type ServiceError } from "@/lib/result";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "./actor";
import { authorize } from "./authorize";

/**
 * Equal in constant time. Both sides are hashed first, so neither the comparison's time nor
 * `timingSafeEqual`'s length check tells a caller how much of a guess was right, or how long the token is.
 */
export function tokenMatches(presented: string, expected: string | null): boolean {
  if (!expected) return false;
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * Who may read the Prometheus metrics: a scraper presenting `Authorization: Bearer <METRICS_TOKEN>`, or
 * a signed-in administrator with a second factor (rule `metrics.read`). A request that presents a
 * credential is judged by that credential alone: a wrong or malformed token is refused (401, audited)
 * even when a session cookie rides along.
 */
export async function authorizeMetricsRead(
  actor: Actor | null,
  authorization: string | null,
  context: RequestContext = NO_REQUEST_CONTEXT,
): Promise<{ ok: true } | { ok: false; error: ServiceError }> {
  if (authorization === null) {
    const allowed = await authorize(actor, "metrics.read", { type: "metrics" }, context);
    return allowed.ok ? { ok: true } : allowed;
  }
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
  if (presented !== undefined && tokenMatches(presented, metricsToken())) return { ok: true };
  await recordAuditEvent({
    action: "authz.deny",
    subjectType: "metrics",
    outcome: "DENY",
    ip: context.ip,
    userAgent: context.userAgent,
    details: { attempted: "metrics.read", reason: presented === undefined ? "malformed authorization" : "wrong metrics token" },
  });
  return fail("UNAUTHENTICATED", "A valid metrics token is required.");
}
