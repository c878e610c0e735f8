import type { Metadata } from "next";
import { HealthPanel } from "@/components/status/health-panel";
import { checkHealth } from "@/lib/health/check-health";

export const metadata: Metadata = { title: "System status" };
export const dynamic = "force-dynamic";

export default async function StatusPage() {
  const report = await checkHealth();
  return <HealthPanel report={report} />;
}
