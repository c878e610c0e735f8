import type { HealthReport } from "@/lib/health/check-health";

function StatusBadge({ up }: { up: boolean }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-sm font-medium ${up ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}>
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${up ? "bg-emerald-500" : "bg-red-500"}`} />
      {up ? "Operational" : "Down"}
    </span>
  );
}

function Row({ name, up, details }: { name: string; up: boolean; details: string }) {
  return (
    <li className="flex flex-col gap-1 px-5 py-4 sm:flex-row sm:items-center sm:justify-between">
      <div>
        <p className="font-medium text-slate-900">{name}</p>
        <p className="break-all font-mono text-xs text-slate-600">{details}</p>
      </div>
      <StatusBadge up={up} />
    </li>
  );
}

export function HealthPanel({ report }: { report: HealthReport }) {
  const allUp = report.status === "ok";
  const { chain } = report;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">System status</h1>
        <p className={`mt-2 text-lg font-medium ${allUp ? "text-emerald-700" : "text-red-700"}`} role="status">
          {allUp ? "All systems operational" : `Degraded: ${report.down.join(", ")} down`}
        </p>
      </div>
      <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white shadow-sm" aria-label="Components">
        <Row name="Database" up={report.db.status === "up"} details={report.db.status === "up" ? `PostgreSQL · ${report.db.latencyMs} ms` : report.db.error} />
        <Row name="Document storage" up={report.storage.status === "up"} details={report.storage.status === "up" ? `S3-compatible · ${report.storage.latencyMs} ms` : report.storage.error} />
        <Row
          name="Ledger"
          up={chain.status === "up"}
          details={chain.status === "up" ? `chain ${chain.chainId} · block ${chain.blockNumber} · contract ${chain.contractAddress}` : (chain.error ?? "unreachable")}
        />
      </ul>
      <p className="text-sm text-slate-500">
        Version {report.version} · checked {new Date(report.checkedAt).toUTCString()} · <a className="underline" href="/api/health">JSON</a>
      </p>
    </div>
  );
}
