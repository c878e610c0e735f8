import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/admin/badge";
import { FilterTabs } from "@/components/admin/filter-tabs";
import { LocalTime, ViewerZoneNote } from "@/components/appointments/local-time";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { listAccessLog, type AccessLogEntryDto } from "@/lib/documents/access-log";

export const metadata: Metadata = { title: "Who opened my files" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

const ACTION_LABEL: Record<AccessLogEntryDto["action"], string> = {
  view: "Viewed",
  download: "Downloaded",
  upload: "Uploaded",
  delete: "Deleted",
  denied: "Tried to open (refused)",
  "grant.request": "Asked for access",
  "grant.approve": "Approved a request",
  "grant.deny": "Declined a request",
  "grant.create": "Shared documents",
  "grant.revoke": "Revoked access",
  "grant.expire": "Access expired",
};

export default async function AccessLogPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole("PATIENT");
  const params = await searchParams;
  const who = single(params.who) === "all" ? "all" : "others";
  const result = await listAccessLog(await currentActor(), { page: single(params.page), who }, await requestContext());
  return (
    <>
      <PageHeading title="Who opened my files" description="Every time someone viewed, downloaded or added one of your documents, was refused, or access to your records changed." />
      <Card>
        <FilterTabs
          label="Whose actions"
          tabs={[
            { label: "Others", href: "/patient/access-log", current: who === "others" },
            { label: "Everyone, including me", href: "/patient/access-log?who=all", current: who === "all" },
          ]}
        />
        {!result.ok ? (
          <Alert tone="error">{result.error.message}</Alert>
        ) : result.value.total === 0 ? (
          <EmptyState title="Nobody has opened your files">When a doctor opens a document you shared, it is listed here.</EmptyState>
        ) : (
          <>
            <ViewerZoneNote />
            <div className="mt-3 overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Access to your documents, newest first</caption>
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">When</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Who</th>
                    <th scope="col" className="py-2 pr-4 font-medium">What</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Document</th>
                    <th scope="col" className="py-2 font-medium">Outcome</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {result.value.items.map((entry) => (
                    <tr key={entry.id}>
                      <td className="py-2 pr-4 whitespace-nowrap text-slate-700">
                        <LocalTime startsAt={entry.at.toISOString()} />
                      </td>
                      <td className="py-2 pr-4 text-slate-900">{entry.who}</td>
                      <td className="py-2 pr-4 text-slate-700">{ACTION_LABEL[entry.action]}</td>
                      <td className="py-2 pr-4">
                        {entry.document ? (
                          <Link href={`/patient/documents/${entry.document.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                            {entry.document.title}
                          </Link>
                        ) : entry.grantId ? (
                          <Link href="/patient/sharing" className="text-brand-700 underline-offset-2 hover:underline">
                            Sharing
                          </Link>
                        ) : null}
                      </td>
                      <td className="py-2">{entry.outcome === "ALLOW" ? <Badge tone="green">Allowed</Badge> : <Badge tone="red">Refused</Badge>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={result.value.page} pageCount={result.value.pageCount} total={result.value.total} pageSize={result.value.pageSize} basePath="/patient/access-log" params={{ who: who === "all" ? "all" : undefined }} noun="events" />
          </>
        )}
      </Card>
    </>
  );
}
