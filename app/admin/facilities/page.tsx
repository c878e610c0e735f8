import type { Metadata } from "next";
import Link from "next/link";
import { ActiveBadge } from "@/components/admin/badge";
import { FacilityForm } from "@/components/admin/facility-form";
import { FilterTabs } from "@/components/admin/filter-tabs";
import { Pagination } from "@/components/ui/pagination";
import { Cell, RowHeader, Table } from "@/components/admin/table";
import { UtcTime } from "@/components/admin/utc-time";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { currentActor, requireAdminWithMfa } from "@/lib/auth/current-actor";
import { listFacilities } from "@/lib/facilities/list-facilities";

export const metadata: Metadata = { title: "Facilities" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function AdminFacilitiesPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminWithMfa();
  const params = await searchParams;
  const includeInactive = one(params.inactive) === "1";
  const result = await listFacilities(await currentActor(), { includeInactive, page: one(params.page) });
  if (!result.ok) return <Alert tone="error">{result.error.message}</Alert>;
  const { items, ...paging } = result.value;

  return (
    <>
      <PageHeading title="Facilities" description="Hospitals and practices doctors choose when they apply. Deactivated ones are no longer offered; their doctors stay." />
      <div className="grid gap-8 lg:grid-cols-3">
        <section aria-labelledby="facility-list-heading" className="lg:col-span-2">
          <h2 id="facility-list-heading" className="sr-only">
            Facility list
          </h2>
          <FilterTabs
            label="Which facilities to show"
            tabs={[
              { label: "Active", href: "/admin/facilities", current: !includeInactive },
              { label: "All, including inactive", href: "/admin/facilities?inactive=1", current: includeInactive },
            ]}
          />
          {items.length === 0 ? (
            <EmptyState title={includeInactive ? "No facilities yet." : "No active facilities."}>Add the first one with the form, so doctors can apply.</EmptyState>
          ) : (
            <>
              <Table caption={includeInactive ? "All facilities" : "Active facilities"} columns={["Name", "City", "Doctors", "Status", "Added"]}>
                {items.map((facility) => (
                  <tr key={facility.id} className="hover:bg-slate-50">
                    <RowHeader>
                      <Link href={`/admin/facilities/${facility.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                        {facility.name}
                      </Link>
                    </RowHeader>
                    <Cell>{facility.city}</Cell>
                    <Cell>{facility.doctorCount}</Cell>
                    <Cell>
                      <ActiveBadge active={facility.active} />
                    </Cell>
                    <Cell nowrap>
                      <UtcTime value={facility.createdAt} />
                    </Cell>
                  </tr>
                ))}
              </Table>
              <Pagination {...paging} basePath="/admin/facilities" params={{ inactive: includeInactive ? "1" : undefined }} noun="facilities" />
            </>
          )}
        </section>
        <div>
          <Card title="Add a facility" description="It is offered on the doctor application form right away.">
            <FacilityForm />
          </Card>
        </div>
      </div>
    </>
  );
}
