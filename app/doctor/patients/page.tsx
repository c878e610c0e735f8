import type { Metadata } from "next";
import Link from "next/link";
import { GrantList } from "@/components/doctor/grant-list";
import { PatientSearch } from "@/components/doctor/patient-search";
import { PatientTable } from "@/components/doctor/patient-table";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { documentEnv } from "@/lib/env";
import { listGrants } from "@/lib/grants/list-grants";
import { listMyPatients } from "@/lib/grants/my-patients";

export const metadata: Metadata = { title: "Your patients" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function DoctorPatientsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole("DOCTOR");
  const params = await searchParams;
  const filters = { q: single(params.q), page: single(params.page) };
  const [actor, context] = await Promise.all([currentActor(), requestContext()]);
  const [patients, grants] = await Promise.all([listMyPatients(actor, filters, context), listGrants(actor, { view: "open" }, context)]);
  const back = (
    <Link href="/doctor" className={buttonClasses("secondary")}>
      Back to the dashboard
    </Link>
  );
  if (!patients.ok) {
    return (
      <>
        <PageHeading title="Your patients" actions={back} />
        <Alert tone="error" title={patients.error.code === "FORBIDDEN" ? "Patients are not available yet" : undefined}>
          {patients.error.code === "FORBIDDEN" && patients.error.message === "You are not allowed to do that." ? "Your patients appear here once an administrator has verified your license." : patients.error.message}
        </Alert>
      </>
    );
  }
  const page = patients.value;
  return (
    <>
      <PageHeading title="Your patients" description="Patients you have seen, booked or invited. Open a patient to request access to their records." actions={back} />
      <div className="space-y-6">
        <Card title="Patients">
          <PatientSearch q={filters.q} />
          {page.total === 0 ? (
            filters.q ? (
              <EmptyState title="No patients match">Try another name.</EmptyState>
            ) : (
              <EmptyState title="No patients yet">Patients appear here once they book a visit with you or register through your invitation.</EmptyState>
            )
          ) : (
            <>
              <PatientTable patients={page.items} />
              <Pagination page={page.page} pageCount={page.pageCount} total={page.total} pageSize={page.pageSize} basePath="/doctor/patients" params={{ q: filters.q }} noun="patients" />
            </>
          )}
        </Card>
        <Card title="Open requests and access" description="Requests waiting for an answer and access patients have given you.">
          {!grants.ok ? (
            <Alert tone="error">{grants.error.message}</Alert>
          ) : grants.value.total === 0 ? (
            <EmptyState title="No open requests or access">Open a patient&apos;s page to ask for access to their records.</EmptyState>
          ) : (
            <>
              <GrantList grants={grants.value.items} graceHours={documentEnv().grantAfterVisitHours} label="Open requests and access" showPatient />
              {grants.value.total > grants.value.items.length ? (
                <p className="mt-4 text-sm text-slate-600">
                  Showing the newest {grants.value.items.length} of {grants.value.total}. Open a patient to see all of theirs.
                </p>
              ) : null}
            </>
          )}
        </Card>
      </div>
    </>
  );
}
