import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

/** 200 only when database, storage and chain (with our contract) all answer; 503 names what is down. */
export async function GET() {
  const report = await checkHealth();
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
