import type { Metadata } from "next";
import Link from "next/link";
import { cancelAppointmentAction } from "@/app/patient/actions";
import { PastAppointments, UpcomingAppointments } from "@/components/appointments/patient-appointment-lists";
import { ViewerZoneNote } from "@/components/appointments/local-time";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { PATIENT_CANCEL_CUTOFF_MINUTES } from "@/lib/appointments/cancel-appointment";
import { listOwnAppointments } from "@/lib/appointments/list-appointments";
import { REASON_MAX_LENGTH } from "@/lib/appointments/schemas";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { getPatientOverview } from "@/lib/patients/patient-overview";

export const metadata: Metadata = { title: "Your dashboard" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const NOTICES: Record<string, string> = {
  booked: "Your appointment is booked. The doctor has been notified.",
  rescheduled: "Your appointment has been moved. The doctor has been notified.",
  cancelled: "Your appointment has been cancelled. The doctor has been notified.",
};

export default async function PatientDashboardPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole("PATIENT");
  const actor = await currentActor();
  const [overview, appointments, params] = await Promise.all([getPatientOverview(actor), listOwnAppointments(actor), searchParams]);
  if (!overview.ok) return <Alert tone="error">{overview.error.message}</Alert>;
  const { name, publicId, doctors } = overview.value;
  const notice = Object.keys(NOTICES).find((key) => params[key] === "1");
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
      {notice ? (
        <div className="mb-6">
          <Alert tone="success">{NOTICES[notice]}</Alert>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Upcoming appointments" description={<ViewerZoneNote />}>
            {appointments.ok ? (
              <UpcomingAppointments appointments={appointments.value.upcoming} cancelAction={cancelAppointmentAction} cutoffMinutes={PATIENT_CANCEL_CUTOFF_MINUTES} reasonMaxLength={REASON_MAX_LENGTH} />
            ) : (
              <Alert tone="error">{appointments.error.message}</Alert>
            )}
          </Card>
          <Card title="Past appointments">{appointments.ok ? <PastAppointments appointments={appointments.value.past} /> : null}</Card>
        </div>
        <div className="space-y-6">
          <Card title="Your MedAnchor ID" description="Give this identifier to a doctor or clinic so they can find your records. It is not your database id and reveals nothing about you.">
            <p className="font-mono text-2xl font-semibold tracking-wider text-brand-900" data-testid="patient-public-id">
              {publicId}
            </p>
          </Card>
          <Card title="Your doctors">
            {doctors.length === 0 ? (
              <EmptyState title="No doctors linked yet">When a doctor invites you, or you book a visit, they appear here.</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-200">
                {doctors.map((doctor) => (
                  <li key={`${doctor.name}-${doctor.facilityName}`} className="flex items-center justify-between gap-3 py-3">
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
