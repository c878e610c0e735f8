import "server-only";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorizeMetricsRead } from "@/lib/authz/metrics-access";
import { ok, type Result } from "@/lib/result";
import { metrics } from "./metrics";
import { readQueueSnapshot } from "./metrics-repository";

export interface MetricsExposition {
  contentType: string;
  body: string;
}

/**
 * The Prometheus exposition for /api/metrics: this process's counters and histograms, plus the anchor
 * and mail outboxes and the integrity scrub read from Postgres now (the same for every instance).
 * Administrators or the metrics token only (lib/authz/metrics-access.ts).
 */
export async function readMetrics(actor: Actor | null, authorization: string | null, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<MetricsExposition>> {
  const allowed = await authorizeMetricsRead(actor, authorization, context);
  if (!allowed.ok) return allowed;
  const snapshot = await readQueueSnapshot();
  const m = metrics();
  m.anchorPending.set(snapshot.anchorPending);
  m.anchorFailed.set(snapshot.anchorFailed);
  m.anchorOldestPending.set(snapshot.anchorOldestPendingSeconds);
  m.mailPending.set(snapshot.mailPending);
  m.mailFailed.set(snapshot.mailFailed);
  m.integrityFailed.set(snapshot.integrityFailed);
  m.integrityUnscrubbed.set(snapshot.integrityUnscrubbed);
  m.integrityLastScrub.set(snapshot.integrityLastScrubSeconds);
  return ok({ contentType: m.registry.contentType, body: await m.registry.metrics() });
}
