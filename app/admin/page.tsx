import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { PageHeading } from "@/components/ui/card";
import { currentActor, requireAdminWithMfa } from "@/lib/auth/current-actor";
import { getAdminOverview } from "@/lib/users/get-admin-overview";

export const metadata: Metadata = { title: "Administration" };

function Stat({ label, value, detail, href, linkLabel }: { label: string; value: number; detail?: string; href: string; linkLabel: string }) {
  return (
    <div className="flex flex-col rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="mt-2 text-3xl font-bold tracking-tight text-slate-900">{value}</dd>
      {detail ? <dd className="mt-1 text-sm text-slate-500">{detail}</dd> : null}
      <dd className="mt-auto pt-4">
        <Link href={href} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          {linkLabel}
        </Link>
      </dd>
    </div>
  );
}

export default async function AdminOverviewPage() {
  await requireAdminWithMfa();
  const result = await getAdminOverview(await currentActor());
  if (!result.ok) return <Alert tone="error">{result.error.message}</Alert>;
  const counts = result.value;
  return (
    <>
      <PageHeading
        title="Administration"
        description="Verify doctors, look up accounts and keep the list of facilities current."
        actions={
          <Link href="/admin/doctors?state=PENDING" className={buttonClasses("primary")}>
            Review pending applications
          </Link>
        }
      />
      {counts.pendingApplications > 0 ? (
        <div className="mb-6">
          <Alert tone="warning" title={`${counts.pendingApplications} doctor ${counts.pendingApplications === 1 ? "application is" : "applications are"} waiting for review.`}>
            Applicants cannot see patients or take appointments until you verify them.
          </Alert>
        </div>
      ) : null}
      <dl className="grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Pending applications" value={counts.pendingApplications} href="/admin/doctors?state=PENDING" linkLabel="Open the review queue" />
        <Stat
          label="Verified doctors"
          value={counts.verifiedDoctors}
          detail={counts.suspendedDoctors ? `${counts.suspendedDoctors} suspended` : undefined}
          href="/admin/doctors?state=VERIFIED"
          linkLabel="See verified doctors"
        />
        <Stat label="Patients" value={counts.patients} href="/admin/users?role=PATIENT" linkLabel="See patients" />
        <Stat
          label="Active facilities"
          value={counts.activeFacilities}
          detail={counts.inactiveFacilities ? `${counts.inactiveFacilities} inactive` : undefined}
          href="/admin/facilities"
          linkLabel="Manage facilities"
        />
      </dl>
    </>
  );
}
