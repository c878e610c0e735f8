import { Badge } from "@/components/admin/badge";
import { formatUtc } from "@/components/admin/format";
import { LocalTime } from "@/components/appointments/local-time";
import { EmptyState } from "@/components/ui/card";
import type { LedgerBlockDto, LedgerEventDto } from "@/lib/ledger/dtos";
import { AnchoredSubject } from "./anchored-subject";
import { AnchorStateBadge } from "./anchor-state-badge";
import { Hash } from "./hash";
import { EVENT_LABEL, shortHash } from "./labels";

function EventItem({ event, viewer }: { event: LedgerEventDto; viewer: "patient" | "admin" }) {
  const shown = event.anchors.slice(0, 5);
  const hidden = event.anchors.length - shown.length;
  return (
    <li data-mine={event.mine} className={`rounded-lg border px-3 py-2 ${event.mine ? "border-brand-600 bg-brand-50" : "border-slate-200 bg-white"}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium text-slate-900">{EVENT_LABEL[event.name]}</span>
        {event.mine ? <Badge tone="green">Yours</Badge> : null}
        {event.count !== null ? <span className="text-sm text-slate-600">{event.count} records</span> : null}
        <span className="text-xs text-slate-600">
          {event.name === "BatchAnchored" ? "Root" : "Id"} <code title={event.key} className="font-mono">{shortHash(event.key)}</code>
        </span>
        <span className="text-xs text-slate-600">
          Tx <code title={event.txHash} className="font-mono">{shortHash(event.txHash)}</code>
        </span>
      </div>
      {shown.length > 0 ? (
        <ul className="mt-1 space-y-1 text-sm">
          {shown.map((anchor, index) => (
            <li key={index} className="flex flex-wrap items-center gap-2 text-slate-700">
              {anchor.subject ? <AnchoredSubject subject={anchor.subject} /> : null}
              <AnchorStateBadge state={anchor.state} />
            </li>
          ))}
          {hidden > 0 ? <li className="text-slate-600">and {hidden} more</li> : null}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-600">
          {viewer === "patient" ? "Not one of your records: only a fingerprint is on chain." : event.recorded ? "" : "Not in our outbox (sent from elsewhere)."}
        </p>
      )}
    </li>
  );
}

/**
 * The latest blocks, newest first, with our contract's events decoded. Patients read times in their
 * own zone; admins in UTC, like every admin page.
 */
export function RecentBlocksList({ blocks, viewer }: { blocks: LedgerBlockDto[]; viewer: "patient" | "admin" }) {
  if (blocks.length === 0) return <EmptyState title="No blocks yet">The chain has not produced a block since it started.</EmptyState>;
  return (
    <ol className="space-y-3" aria-label="Latest blocks">
      {blocks.map((block) => (
        <li key={block.number} className="rounded-xl border border-slate-200 bg-slate-50 p-4" aria-label={`Block ${block.number}`}>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 className="font-semibold text-slate-900 tabular-nums">Block #{block.number}</h3>
            <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
              {viewer === "patient" ? <LocalTime startsAt={block.time.toISOString()} /> : <time dateTime={block.time.toISOString()}>{formatUtc(block.time)}</time>}
              <span>
                {block.transactionCount} {block.transactionCount === 1 ? "transaction" : "transactions"}
              </span>
              <Hash value={block.hash} label="Block hash" />
            </div>
          </div>
          {block.events.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No MedAnchor events in this block.</p>
          ) : (
            <ul className="mt-3 space-y-2">
              {block.events.map((event) => (
                <EventItem key={`${event.txHash}-${event.logIndex}`} event={event} viewer={viewer} />
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
