import { Badge } from "@/components/admin/badge";
import { formatUtc } from "@/components/admin/format";
import { Cell, RowHeader, Table } from "@/components/admin/table";
import { EmptyState } from "@/components/ui/card";
import type { AnchorQueueHealthDto, ChainStatusDto, FailedAnchorDto } from "@/lib/ledger/dtos";
import { Hash } from "./hash";
import { ANCHOR_KIND_LABEL, formatDuration, formatEther } from "./labels";

function Stat({ label, value, detail, tone = "neutral" }: { label: string; value: string; detail?: string; tone?: "neutral" | "warning" | "danger" }) {
  const valueTone = tone === "danger" ? "text-red-700" : tone === "warning" ? "text-amber-800" : "text-slate-900";
  return (
    <div className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className={`mt-2 text-3xl font-bold tracking-tight tabular-nums ${valueTone}`}>{value}</dd>
      {detail ? <dd className="mt-1 text-sm text-slate-600">{detail}</dd> : null}
    </div>
  );
}

/** Queue health at a glance: what waits, what is in flight, what failed, and how long anchoring takes. */
export function QueueHealthCards({ health }: { health: AnchorQueueHealthDto }) {
  const { counts } = health;
  const oldest = health.oldestPendingAgeMs;
  return (
    <dl aria-label="Anchor queue" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <Stat
        label="Pending"
        value={String(counts.PENDING)}
        detail={oldest === null ? "Nothing waiting" : `Oldest waiting ${formatDuration(oldest)}${health.retrying ? `, ${health.retrying} retrying` : ""}`}
        tone={oldest !== null && oldest > 5 * 60_000 ? "warning" : "neutral"}
      />
      <Stat label="Sent" value={String(counts.SENT)} detail={`${health.transactionsInFlight} ${health.transactionsInFlight === 1 ? "transaction" : "transactions"} in flight`} />
      <Stat label="Failed" value={String(counts.FAILED)} detail={counts.FAILED ? "Need attention: see below" : "None"} tone={counts.FAILED ? "danger" : "neutral"} />
      <Stat label="Confirmed" value={counts.CONFIRMED.toLocaleString("en-GB")} detail={health.lagP50Ms === null ? "No lag measured yet" : `Lag p50 ${formatDuration(health.lagP50Ms)}, p95 ${formatDuration(health.lagP95Ms ?? 0)}`} />
    </dl>
  );
}

export function LagNote({ health }: { health: AnchorQueueHealthDto }) {
  if (health.lagSampleSize === 0) return null;
  return <p className="mt-3 text-sm text-slate-600">Lag is the time from a record being committed to its anchor being confirmed, over the latest {health.lagSampleSize.toLocaleString("en-GB")} confirmed rows sent in a transaction.</p>;
}

export function ChainHealthCard({ chain }: { chain: ChainStatusDto }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
      <div>
        <dt className="font-medium text-slate-600">Status</dt>
        <dd className="mt-1">{chain.status === "up" ? <Badge tone="green">Reachable</Badge> : <Badge tone="red">Unreachable</Badge>}</dd>
      </div>
      {chain.status === "up" ? (
        <>
          <div>
            <dt className="font-medium text-slate-600">Chain id</dt>
            <dd className="mt-1 tabular-nums text-slate-900">{chain.chainId}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Latest block</dt>
            <dd className="mt-1 tabular-nums text-slate-900">
              #{chain.blockNumber} at <time dateTime={chain.latestBlockTime.toISOString()}>{formatUtc(chain.latestBlockTime)}</time>
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">Anchoring account balance</dt>
            <dd className="mt-1 tabular-nums text-slate-900">{formatEther(chain.balanceWei)}</dd>
          </div>
        </>
      ) : (
        <div className="sm:col-span-2">
          <dt className="font-medium text-slate-600">Error</dt>
          <dd className="mt-1 text-red-700">{chain.error}</dd>
        </div>
      )}
      <div>
        <dt className="font-medium text-slate-600">Contract</dt>
        <dd className="mt-1">
          <Hash value={chain.contractAddress} label="Contract address" copy />
        </dd>
      </div>
      <div>
        <dt className="font-medium text-slate-600">Anchoring account</dt>
        <dd className="mt-1">
          <Hash value={chain.anchoringAccount} label="Anchoring account" copy />
        </dd>
      </div>
    </dl>
  );
}

export function FailedAnchorsTable({ rows }: { rows: FailedAnchorDto[] }) {
  if (rows.length === 0) return <EmptyState title="No failed anchors">Rows that cannot be anchored show up here with the chain&apos;s reason.</EmptyState>;
  return (
    <Table caption="Failed anchors, latest first" columns={["Subject", "Action", "Anchor id", "Attempts", "Last error", "Failed at"]}>
      {rows.map((row) => (
        <tr key={row.id}>
          <RowHeader>
            <span className="block">{ANCHOR_KIND_LABEL[row.kind]}</span>
            <code className="font-mono text-xs font-normal text-slate-600">{row.subjectId}</code>
          </RowHeader>
          <Cell>{row.action.toLowerCase()}</Cell>
          <Cell nowrap>
            <Hash value={row.anchorId} label="Anchor id" />
          </Cell>
          <Cell>{row.attempts}</Cell>
          <Cell>
            <span className="font-mono text-xs text-red-800">{row.lastError ?? "—"}</span>
          </Cell>
          <Cell nowrap>
            <time dateTime={row.updatedAt.toISOString()}>{formatUtc(row.updatedAt)}</time>
          </Cell>
        </tr>
      ))}
    </Table>
  );
}
