import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { currentActor, requireAdminWithMfa } from "@/lib/auth/current-actor";
import { searchAuditEvents } from "@/lib/audit/search-audit-events";

export const metadata: Metadata = { title: "Audit trail" };

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdminWithMfa();
  const params = await searchParams;
  const filters = { action: single(params.action), outcome: single(params.outcome), actorEmail: single(params.actorEmail), page: single(params.page) };
  const result = await searchAuditEvents(await currentActor(), filters);
  if (!result.ok) return <Alert tone="error">{result.error.message}</Alert>;
  const { page, chain } = result.value;
  return (
    <>
      <PageHeading title="Audit trail" description="Every sign-in, decision and denial, append-only and hash-chained." />
      <div className="space-y-6">
        {chain.intact ? (
          <Alert tone="success">Hash chain intact: {chain.checked} events verified.</Alert>
        ) : (
          <Alert tone="error" title="Audit trail tampered with">
            Event #{chain.brokenAtId}: {chain.reason}.
          </Alert>
        )}
        <Card>
          <form role="search" aria-label="Audit events" method="get" className="grid gap-4 sm:grid-cols-[1fr_1fr_auto_auto] sm:items-end">
            <TextField label="Action contains" name="action" defaultValue={filters.action} placeholder="auth.login" />
            <TextField label="Actor email contains" name="actorEmail" defaultValue={filters.actorEmail} />
            <SelectField label="Outcome" name="outcome" defaultValue={filters.outcome ?? ""}>
              <option value="">Any</option>
              <option value="ALLOW">Allowed</option>
              <option value="DENY">Denied</option>
            </SelectField>
            <button type="submit" className={buttonClasses()}>
              Filter
            </button>
          </form>
        </Card>
        {page.items.length === 0 ? (
          <EmptyState title="No events match these filters" />
        ) : (
          // Scrolls sideways on narrow screens and holds nothing focusable: it takes focus itself so the keyboard can scroll it.
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm" tabIndex={0} role="region" aria-label="Audit events">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Audit events, newest first</caption>
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">When (UTC)</th>
                  <th scope="col" className="px-4 py-2 font-medium">Actor</th>
                  <th scope="col" className="px-4 py-2 font-medium">Action</th>
                  <th scope="col" className="px-4 py-2 font-medium">Subject</th>
                  <th scope="col" className="px-4 py-2 font-medium">Outcome</th>
                  <th scope="col" className="px-4 py-2 font-medium">Details</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {page.items.map((event) => (
                  <tr key={event.id}>
                    <td className="whitespace-nowrap px-4 py-2">{timeFormat.format(event.at)}</td>
                    <td className="px-4 py-2">{event.actorEmail ?? <span className="text-slate-500">anonymous</span>}</td>
                    <td className="px-4 py-2 font-mono text-xs">{event.action}</td>
                    <td className="px-4 py-2 font-mono text-xs">{event.subject ?? "—"}</td>
                    <td className="px-4 py-2">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${event.outcome === "ALLOW" ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}>{event.outcome === "ALLOW" ? "Allowed" : "Denied"}</span>
                    </td>
                    <td className="px-4 py-2 text-xs text-slate-600">{event.details || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page.page} pageCount={page.pageCount} total={page.total} pageSize={page.pageSize} basePath="/admin/audit" params={{ action: filters.action, outcome: filters.outcome, actorEmail: filters.actorEmail }} noun="events" />
      </div>
    </>
  );
}
