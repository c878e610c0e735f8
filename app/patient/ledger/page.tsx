import type { Metadata } from "next";
import Link from "next/link";
import { ViewerZoneNote } from "@/components/appointments/local-time";
import { PatientLedgerTable } from "@/components/ledger/patient-ledger-table";
import { RecentBlocksList } from "@/components/ledger/recent-blocks-list";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { listPatientLedger } from "@/lib/ledger/list-patient-ledger";
import { recentBlocks } from "@/lib/ledger/recent-blocks";

export const metadata: Metadata = { title: "Ledger" };

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function PatientLedgerPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("PATIENT");
  const params = await searchParams;
  const actor = await currentActor();
  const context = await requestContext();
  const [ledger, blocks] = await Promise.all([listPatientLedger(actor, { page: single(params.page) }, context), recentBlocks(actor, {}, context)]);
  return (
    <>
      <PageHeading
        title="Ledger"
        description="Every fingerprint of your documents and every access grant we record on the MedAnchor chain. Only commitments go on chain: no names, titles or file contents."
      />
      <div className="space-y-6">
        <Card title="Your anchors" description="Newest first. A record is confirmed once it is in a block; until then it waits in our queue.">
          {!ledger.ok ? (
            <Alert tone="error">{ledger.error.message}</Alert>
          ) : ledger.value.total === 0 ? (
            <EmptyState title="Nothing anchored yet">
              When you <Link href="/patient/documents" className="text-brand-700 underline">upload a document</Link> or share your records, its fingerprint is recorded on chain and listed here.
            </EmptyState>
          ) : (
            <>
              <p className="mb-3 text-sm text-slate-600">
                <ViewerZoneNote />
              </p>
              <PatientLedgerTable entries={ledger.value.items} />
              <Pagination page={ledger.value.page} pageCount={ledger.value.pageCount} total={ledger.value.total} pageSize={ledger.value.pageSize} basePath="/patient/ledger" params={{}} noun="anchors" />
            </>
          )}
        </Card>
        <Card title="Latest blocks" description="The newest blocks of the chain and what MedAnchor wrote in them. Events for your records are highlighted.">
          {blocks.ok ? <RecentBlocksList blocks={blocks.value.blocks} viewer="patient" /> : <Alert tone="warning">{blocks.error.message}</Alert>}
        </Card>
      </div>
    </>
  );
}
