import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { setFacilityActiveAction } from "@/app/admin/facilities/actions";
import { ActiveBadge, VerificationBadge } from "@/components/admin/badge";
import { ConfirmDialogForm } from "@/components/ui/confirm-dialog-form";
import { FacilityForm } from "@/components/admin/facility-form";
import { Cell, RowHeader, Table } from "@/components/admin/table";
import { UtcTime } from "@/components/admin/utc-time";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { currentActor, requireAdminWithMfa } from "@/lib/auth/current-actor";
import { getFacility } from "@/lib/facilities/get-facility";

export const metadata: Metadata = { title: "Facility" };

const DONE: Record<string, { active: boolean; message: string }> = {
  created: { active: true, message: "Facility added. Doctors can choose it on the application form now." },
  deactivated: { active: false, message: "Facility deactivated. It is no longer offered to new applicants; its doctors keep it." },
  activated: { active: true, message: "Facility activated. It is offered on the application form again." },
};

export default async function AdminFacilityPage({ params, searchParams }: { params: Promise<{ facilityId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdminWithMfa();
  const { facilityId } = await params;
  const result = await getFacility(await currentActor(), { facilityId });
  if (!result.ok) {
    if (result.error.code === "NOT_FOUND") notFound();
    return <Alert tone="error">{result.error.message}</Alert>;
  }
  const facility = result.value;
  const doneKey = (await searchParams).done;
  const done = typeof doneKey === "string" ? DONE[doneKey] : undefined;

  return (
    <>
      <p className="mb-4 text-sm">
        <Link href="/admin/facilities" className="text-brand-700 underline-offset-2 hover:underline">
          ← All facilities
        </Link>
      </p>
      <PageHeading
        title={facility.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {facility.city} · {facility.doctorCount} {facility.doctorCount === 1 ? "doctor" : "doctors"} <ActiveBadge active={facility.active} />
          </span>
        }
      />
      {done && done.active === facility.active ? (
        <div className="mb-6">
          <Alert tone="success">{done.message}</Alert>
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Details" description={<>Added <UtcTime value={facility.createdAt} />, last changed <UtcTime value={facility.updatedAt} />.</>}>
            <FacilityForm facility={{ id: facility.id, name: facility.name, city: facility.city, address: facility.address }} />
          </Card>
          <section aria-labelledby="facility-doctors-heading">
            <h2 id="facility-doctors-heading" className="mb-3 text-lg font-semibold text-slate-900">
              Doctors at this facility
            </h2>
            {facility.doctors.length === 0 ? (
              <EmptyState title="No doctors at this facility yet." />
            ) : (
              <Table caption={`Doctors at ${facility.name}`} columns={["Name", "Specialty", "Verification"]}>
                {facility.doctors.map((doctor) => (
                  <tr key={doctor.doctorId} className="hover:bg-slate-50">
                    <RowHeader>
                      <Link href={`/admin/doctors/${doctor.doctorId}`} className="text-brand-700 underline-offset-2 hover:underline">
                        {doctor.name}
                      </Link>
                    </RowHeader>
                    <Cell>{doctor.specialty}</Cell>
                    <Cell>
                      <VerificationBadge state={doctor.verification} />
                    </Cell>
                  </tr>
                ))}
              </Table>
            )}
          </section>
        </div>
        <div>
          <Card
            title="Availability"
            description={facility.active ? "Active: offered on the doctor application form." : "Inactive: hidden from the doctor application form. Its doctors keep it."}
          >
            {facility.active ? (
              <ConfirmDialogForm
                key="deactivate"
                action={setFacilityActiveAction}
                hidden={{ facilityId: facility.id, active: "false" }}
                triggerLabel="Deactivate facility"
                title={`Deactivate ${facility.name}?`}
                description="New applicants can no longer choose it. Doctors already there keep it and are not affected."
                confirmLabel="Confirm deactivation"
                pendingLabel="Deactivating…"
                variant="danger"
              />
            ) : (
              <ConfirmDialogForm
                key="activate"
                action={setFacilityActiveAction}
                hidden={{ facilityId: facility.id, active: "true" }}
                triggerLabel="Activate facility"
                title={`Activate ${facility.name}?`}
                description="It will be offered on the doctor application form again."
                confirmLabel="Confirm activation"
                pendingLabel="Activating…"
              />
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
