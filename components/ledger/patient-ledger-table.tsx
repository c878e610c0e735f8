import { Badge } from "@/components/admin/badge";
import { LocalTime } from "@/components/appointments/local-time";
import type { PatientLedgerEntryDto } from "@/lib/ledger/dtos";
import { AnchoredSubject } from "./anchored-subject";
import { AnchorStateBadge } from "./anchor-state-badge";
import { Hash } from "./hash";
import { anchorActionLabel } from "./labels";

/** The patient's anchors, newest first: what each records, where on chain, and whether it is there yet. */
export function PatientLedgerTable({ entries }: { entries: PatientLedgerEntryDto[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Anchors of your documents and grants, newest first</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">Record</th>
            <th scope="col" className="py-2 pr-4 font-medium">What</th>
            <th scope="col" className="py-2 pr-4 font-medium">State</th>
            <th scope="col" className="py-2 pr-4 font-medium">Transaction</th>
            <th scope="col" className="py-2 pr-4 font-medium">Block</th>
            <th scope="col" className="py-2 font-medium">On chain since</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((entry) => (
            <tr key={entry.id} data-anchor-id={entry.anchorId}>
              <th scope="row" className="py-3 pr-4 align-top font-normal">
                <AnchoredSubject subject={entry.subject} />
              </th>
              <td className="py-3 pr-4 align-top text-slate-700">
                {anchorActionLabel(entry.kind, entry.action)}
                {entry.batchRoot ? (
                  <span className="ml-2">
                    <Badge>In a batch</Badge>
                  </span>
                ) : null}
              </td>
              <td className="py-3 pr-4 align-top">
                <AnchorStateBadge state={entry.state} />
              </td>
              <td className="py-3 pr-4 align-top whitespace-nowrap">{entry.txHash ? <Hash value={entry.txHash} label="Transaction" copy /> : <span className="text-slate-500">Not sent yet</span>}</td>
              <td className="py-3 pr-4 align-top tabular-nums text-slate-700">{entry.blockNumber ? `#${entry.blockNumber}` : "—"}</td>
              <td className="py-3 align-top whitespace-nowrap text-slate-700">{entry.blockTime ? <LocalTime startsAt={entry.blockTime.toISOString()} /> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
