import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { getPatientOverview } from "@/lib/patients/patient-overview";

export const metadata: Metadata = { title: "Your dashboard" };

export default async function PatientDashboardPage() {
  await requireRole("PATIENT");
  const overview = await getPatientOverview(await currentActor());
  if (!overview.ok) return <Alert tone="error">{overview.error.message}</Alert>;
  const { name, publicId, doctors } = overview.value;
  return (
    <>
      <PageHeading
        title={`Welcome, ${name.split(" ")[0]}`}
        description="Your appointments, documents and the doctors you share them with."
        actions={
          <Link href="/patient/doctors" className={buttonClasses()}>
            Find a doctor
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Your MedAnchor ID" description="Give this identifier to a doctor or clinic so they can find your records. It is not your database id and reveals nothing about you.">
          <p className="font-mono text-2xl font-semibold tracking-wider text-brand-900" data-testid="patient-public-id">
            {publicId}
          </p>
        </Card>
        <div className="lg:col-span-2">
          <Card title="Your doctors">
            {doctors.length === 0 ? (
              <EmptyState title="No doctors linked yet">When a doctor invites you, or you book a visit, they appear here.</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-200">
                {doctors.map((doctor) => (
                  <li key={`${doctor.name}-${doctor.facilityName}`} className="flex items-center justify-between py-3">
                    <div>
                      <p className="font-medium">{doctor.name}</p>
                      <p className="text-sm text-slate-600">
                        {doctor.specialty} · {doctor.facilityName}
                      </p>
                    </div>
                    {doctor.verified ? <span className="rounded-full bg-emerald-50 px-2.5 py-0.5 text-xs font-medium text-emerald-800">Verified</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
