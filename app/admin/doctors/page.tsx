import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { VerificationBadge } from "@/components/admin/badge";
import { FilterTabs } from "@/components/admin/filter-tabs";
import { hrefWith, Pagination } from "@/components/ui/pagination";
import { Cell, RowHeader, Table } from "@/components/admin/table";
import { UtcTime } from "@/components/admin/utc-time";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState, PageHeading } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { currentActor, requireAdminWithMfa } from "@/lib/auth/current-actor";
import type { VerificationState } from "@/lib/doctors/dtos";
import { listDoctorApplications } from "@/lib/doctors/list-doctor-applications";

export const metadata: Metadata = { title: "Doctors" };

const TABS: { state: VerificationState | "ALL"; label: string; empty: string }[] = [
  { state: "PENDING", label: "Pending", empty: "No applications are waiting for review." },
  { state: "VERIFIED", label: "Verified", empty: "No verified doctors yet." },
  { state: "REJECTED", label: "Rejected", empty: "No rejected applications." },
  { state: "SUSPENDED", label: "Suspended", empty: "No suspended doctors." },
  { state: "ALL", label: "All", empty: "No doctor has applied yet." },
];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function AdminDoctorsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminWithMfa();
  const params = await searchParams;
  // The review queue is what an admin comes here for, so it is the default tab.
  const tab = TABS.find((t) => t.state === one(params.state)) ?? TABS[0]!;
  const query = one(params.q)?.trim() || undefined;
  const result = await listDoctorApplications(await currentActor(), { state: tab.state === "ALL" ? undefined : tab.state, query, page: one(params.page) });
  if (!result.ok) return <Alert tone="error">{result.error.message}</Alert>;
  const { items, ...paging } = result.value;
  const filters = { state: tab.state, q: query };

  return (
    <>
      <PageHeading title="Doctors" description="Applications and verified doctors. Open one to see its details and decide." />
      <FilterTabs
        label="Filter by verification state"
        tabs={TABS.map((t) => ({ label: t.label, href: hrefWith("/admin/doctors", { state: t.state, q: query }), current: t.state === tab.state }))}
      />
      <Form action="/admin/doctors" role="search" aria-label="Search doctors" className="mb-6 flex flex-wrap items-end gap-3">
        <input type="hidden" name="state" value={tab.state} />
        <div className="min-w-64 flex-1">
          <TextField label="Search by name, email, specialty or license number" name="q" type="search" defaultValue={query} />
        </div>
        <button type="submit" className={buttonClasses("secondary")}>
          Search
        </button>
        {query ? (
          <Link href={hrefWith("/admin/doctors", { state: tab.state })} className={buttonClasses("ghost")}>
            Clear search
          </Link>
        ) : null}
      </Form>

      {items.length === 0 ? (
        <EmptyState title={query ? `No ${tab.label.toLowerCase()} doctors match “${query}”.` : tab.empty}>
          {query ? "Check the spelling, or search in all states." : tab.state === "PENDING" ? "New applications appear here as doctors apply." : null}
        </EmptyState>
      ) : (
        <>
          <Table caption={`${tab.label} doctors${query ? ` matching “${query}”` : ""}, newest first`} columns={["Doctor", "Specialty", "License", "Facility", "Time zone", "State", "Applied"]}>
            {items.map((doctor) => (
              <tr key={doctor.doctorId} className="hover:bg-slate-50">
                <RowHeader>
                  <Link href={`/admin/doctors/${doctor.doctorId}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {doctor.name}
                  </Link>
                  <span className="block text-xs font-normal text-slate-500">{doctor.email}</span>
                </RowHeader>
                <Cell>{doctor.specialty}</Cell>
                <Cell nowrap>
                  <span className="font-mono text-xs">{doctor.licenseJurisdiction}</span> {doctor.licenseNumber}
                </Cell>
                <Cell>{doctor.facilityName}</Cell>
                <Cell nowrap>{doctor.timeZone}</Cell>
                <Cell>
                  <VerificationBadge state={doctor.state} />
                </Cell>
                <Cell nowrap>
                  <UtcTime value={doctor.appliedAt} />
                </Cell>
              </tr>
            ))}
          </Table>
          <Pagination {...paging} basePath="/admin/doctors" params={filters} noun="doctors" />
        </>
      )}
    </>
  );
}
