/**
 * The authorization matrix's cell for GET /api/metrics (see authorization-matrix/metrics.ts): every kind
 * of caller, by session and by token. Runs inside the matrix test, whose module mocks stand in for the
 * Next.js request scope.
 */
import { expect } from "vitest";
import { GET as metricsGet } from "@/app/api/metrics/route";
import { createRealUser, type ActorKind } from "./real-actors";
import { beginRequest, randomTestIp } from "./request-scope";

const EXPECTED: Record<ActorKind, number> = { anonymous: 401, patient: 403, otherPatient: 403, pendingDoctor: 403, verifiedDoctor: 403, suspendedDoctor: 401, admin: 200 };

export async function checkMetricsRoute(facilityId: string): Promise<void> {
  const get = (sessionId: string | null, authorization?: string) => {
    beginRequest(sessionId ?? undefined, randomTestIp());
    return metricsGet(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));
  };
  for (const [kind, status] of Object.entries(EXPECTED) as [ActorKind, number][]) {
    const user = await createRealUser(kind, facilityId);
    const response = await get(user.sessionId);
    expect(response.status, `${kind} reading /api/metrics`).toBe(status);
    if (status === 200) expect(await response.text()).toContain("http_requests_total");
  }
  const token = "matrix-metrics-token-0123456789abcdef";
  const previous = process.env.METRICS_TOKEN;
  process.env.METRICS_TOKEN = token;
  try {
    expect((await get(null, `Bearer ${token}`)).status).toBe(200);
    expect((await get(null, `Bearer ${token}x`)).status).toBe(401);
    // A patient's session does not rescue a wrong token, nor does a token stand in when none is set.
    const patient = await createRealUser("patient", facilityId);
    expect((await get(patient.sessionId, "Bearer wrong")).status).toBe(401);
    delete process.env.METRICS_TOKEN;
    expect((await get(null, `Bearer ${token}`)).status).toBe(401);
  } finally {
    if (previous === undefined) delete process.env.METRICS_TOKEN;
    else process.env.METRICS_TOKEN = previous;
  }
}
