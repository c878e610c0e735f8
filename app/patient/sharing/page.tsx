import type { Metadata } from "next";
import { createGrantAction, decideAccessRequestAction, revokeGrantAction } from "@/app/patient/sharing/actions";
import { FilterTabs } from "@/components/admin/filter-tabs";
import { isoDay } from "@/components/sharing/grant-format";
import { PatientGrantList } from "@/components/sharing/grant-list";
import { RequestDecisionForm } from "@/components/sharing/request-decision-form";
import { ShareForm } from "@/components/sharing/share-form";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { listGrants } from "@/lib/grants/list-grants";
import { getShareOptions } from "@/lib/grants/share-options";

export const metadata: Metadata = { title: "Sharing" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);
const DAY_MS = 86_400_000;

/** Confirmations shown after an action redirected back here. */
const NOTICES = {
  approved: "Access granted. The doctor can open what you chose once it is recorded on the ledger, in a few seconds.",
  declined: "Request declined. The doctor has been told.",
  revoked: "Access revoked. The doctor can no longer open these documents.",
} as const;

export default async function PatientSharingPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole("PATIENT");
  const params = await searchParams;
  const view = single(params.view) === "ended" ? "ended" : "open";
  const notice = Object.hasOwn(NOTICES, single(params.notice) ?? "") ? (single(params.notice) as keyof typeof NOTICES) : null;
  const actor = await currentActor();
  const context = await requestContext();
  const [grants, options] = await Promise.all([listGrants(actor, { view, page: single(params.page) }, context), getShareOptions(actor, context)]);
  if (!grants.ok || !options.ok) return <Alert tone="error">{(!grants.ok ? grants.error : !options.ok ? options.error : null)?.message}</Alert>;
  const requests = view === "open" ? grants.value.items.filter((g) => g.state === "REQUESTED") : [];
  const given = grants.value.items.filter((g) => g.state !== "REQUESTED");
  const now = options.value.now.getTime();
  return (
    <>
      <PageHeading title="Sharing" description="Decide which doctor may see which of your documents, and until when. Every grant and revocation is recorded on chain; you can revoke at any time." />
      {notice ? (
        <div className="mb-6">
          <Alert tone="success">{NOTICES[notice]}</Alert>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {view === "open" ? (
            <Card title="Requests waiting for you" description="Doctors asking to see your records. You can approve fewer documents, read-only access or fewer days than asked.">
              {requests.length === 0 ? (
                <EmptyState title="No requests">When a doctor asks for access, the request appears here and in your notifications.</EmptyState>
              ) : (
                <div className="space-y-4">
                  {requests.map((request) => (
                    <RequestDecisionForm key={request.id} request={request} documents={options.value.documents} action={decideAccessRequestAction} />
                  ))}
                </div>
              )}
            </Card>
          ) : null}
          <Card title="Access you have given">
            <FilterTabs
              label="Grants"
              tabs={[
                { label: "Open", href: "/patient/sharing", current: view === "open" },
                { label: "Ended", href: "/patient/sharing?view=ended", current: view === "ended" },
              ]}
            />
            {given.length === 0 ? (
              <EmptyState title={view === "open" ? "Nothing shared right now" : "No ended grants"}>
                {view === "open" ? "Share documents with a doctor with the form on this page, or approve a request." : "Revoked, declined and expired grants are listed here."}
              </EmptyState>
            ) : (
              <>
                <PatientGrantList grants={given} revoke={revokeGrantAction} returnTo="/patient/sharing" />
                <Pagination page={grants.value.page} pageCount={grants.value.pageCount} total={grants.value.total} pageSize={grants.value.pageSize} basePath="/patient/sharing" params={{ view: view === "ended" ? "ended" : undefined }} noun="grants" />
              </>
            )}
          </Card>
        </div>
        <Card title="Share with a doctor" description="Give one of your doctors access without waiting for a request.">
          <ShareForm
            doctors={options.value.doctors}
            documents={options.value.documents}
            defaultUntil={isoDay(new Date(now + 7 * DAY_MS))}
            minUntil={isoDay(new Date(now))}
            maxUntil={isoDay(new Date(now + 364 * DAY_MS))}
            action={createGrantAction}
          />
        </Card>
      </div>
    </>
  );
}
