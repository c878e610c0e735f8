import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { readMetrics } from "@/lib/observability/read-metrics";
import { answerOutagesWith503 } from "@/lib/outages/outage";

export const dynamic = "force-dynamic";

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

/** Prometheus text exposition, for administrators or a scraper with `Authorization: Bearer $METRICS_TOKEN`. */
export const GET = answerOutagesWith503(async (request: Request) => {
  const result = await readMetrics(await currentActor(), request.headers.get("authorization"), await requestContext());
  if (!result.ok) {
    const status = STATUS[result.error.code] ?? 500;
    const headers: Record<string, string> = { "Cache-Control": "no-store", ...(status === 401 ? { "WWW-Authenticate": 'Bearer realm="MedAnchor metrics"' } : {}) };
    return Response.json({ code: result.error.code, message: result.error.message }, { status, headers });
  }
  return new Response(result.value.body, { headers: { "Content-Type": result.value.contentType, "Cache-Control": "no-store" } });
});
