import type { Metadata } from "next";
import Link from "next/link";
import { doctorAgenda } from "@/components/appointments/doctor-agenda";
import { DoctorAppointmentList } from "@/components/appointments/doctor-appointment-list";
import { DOCTOR_NOTICES } from "@/components/appointments/doctor-notices";
import { NextPatientCard } from "@/components/appointments/next-patient-card";
import { InvitePatientForm } from "@/components/doctor/invite-patient-form";
import { PatientsAccessCard } from "@/components/doctor/patients-access-card";
import { ResubmitApplicationForm } from "@/components/doctor/resubmit-application-form";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { listOwnAppointments } from "@/lib/appointments/list-appointments";
import { REASON_MAX_LENGTH } from "@/lib/appointments/schemas";
import { JURISDICTION_CODES, LICENSE_JURISDICTIONS, SPECIALTIES } from "@/lib/accounts/license-rules";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { getOwnApplication, type OwnApplicationDto } from "@/lib/doctor-application/own-application";
import { listActiveFacilities } from "@/lib/facilities/list-active-facilities";
import { listGrants } from "@/lib/grants/list-grants";
import { listMyPatients } from "@/lib/grants/my-patients";
import { listOwnInvitations } from "@/lib/invitations/list-invitations";

export const metadata: Metadata = { title: "Doctor dashboard" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function ApplicationSummary({ application }: { application: OwnApplicationDto }) {
  const rows: [string, string][] = [
    ["Specialty", application.specialty],
    ["License", `${application.licenseJurisdiction} ${application.licenseNumber}`],
    ["Facility", application.facilityName],
    ["Time zone", application.timeZone],
    ["Applied", `${dateFormat.format(application.appliedAt)} UTC`],
  ];
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt className="text-sm text-slate-500">{label}</dt>
          <dd className="font-medium">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DoctorDashboardPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole("DOCTOR");
  const actor = await currentActor();
  const application = await getOwnApplication(actor);
  if (!application.ok) return <Alert tone="error">{application.error.message}</Alert>;
  const app = application.value;

  if (app.verification === "PENDING") {
    const reapplied = (await searchParams).reapplied === "1";
    return (
      <>
        <PageHeading title="Awaiting verification" description="An administrator is checking your license. You will be able to see patients once you are verified." />
        {reapplied ? (
          <div className="mb-6">
            <Alert tone="success">Application sent again. An administrator will review it.</Alert>
          </div>
        ) : null}
        <Card title="Your application">
          <ApplicationSummary application={app} />
        </Card>
      </>
    );
  }

  if (app.verification === "REJECTED") {
    const facilities = await listActiveFacilities();
    return (
      <>
        <PageHeading title="Application not approved" description="You can correct your details and apply again." />
        <div className="space-y-6">
          <Alert tone="error" title="Reason given by the administrator">
            {app.decisionReason}
          </Alert>
          <Card title="Edit and re-apply">
            <ResubmitApplicationForm
              current={app}
              facilities={facilities}
              specialties={[...SPECIALTIES]}
              jurisdictions={JURISDICTION_CODES.map((code) => ({ code, label: LICENSE_JURISDICTIONS[code].label }))}
              timeZones={Intl.supportedValuesOf("timeZone")}
            />
          </Card>
        </div>
      </>
    );
  }

  const [invitations, appointments, params, myPatients, openGrants] = await Promise.all([
    listOwnInvitations(actor),
    listOwnAppointments(actor, { pastLimit: 200 }),
    searchParams,
    listMyPatients(actor),
    listGrants(actor, { view: "open" }),
  ]);
  const { invitations: sent, patients } = invitations.ok ? invitations.value : { invitations: [], patients: [] };
  const now = new Date();
  const agenda = appointments.ok ? doctorAgenda(appointments.value, app.timeZone, now) : null;
  const notice = typeof params.notice === "string" ? DOCTOR_NOTICES[params.notice] : undefined;
  const rowOptions = { timeZone: app.timeZone, now, returnTo: "dashboard", reasonMaxLength: REASON_MAX_LENGTH } as const;
  return (
    <>
      <PageHeading
        title={`Dr. ${app.name}`}
        description={`${app.specialty} · ${app.facilityName} · times in ${app.timeZone}`}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href="/doctor/availability" className={buttonClasses("secondary")}>
              Availability
            </Link>
            <Link href="/doctor/appointments" className={buttonClasses("secondary")}>
              All appointments
            </Link>
          </div>
        }
      />
      {notice ? (
        <div className="mb-6">
          <Alert tone="success">{notice}</Alert>
        </div>
      ) : null}
      {!agenda ? (
        <div className="mb-6">
          <Alert tone="error">{appointments.ok ? null : appointments.error.message}</Alert>
        </div>
      ) : (
        <div className="mb-6 grid gap-6 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <NextPatientCard appointment={agenda.upcoming[0] ?? null} {...rowOptions} />
          </div>
          <Card title="At a glance">
            <dl className="grid grid-cols-3 gap-4 lg:grid-cols-1">
              <div>
                <dt className="text-sm text-slate-600">Upcoming</dt>
                <dd className="text-3xl font-bold text-slate-900 tabular-nums" data-testid="upcoming-count">
                  {agenda.upcoming.length}
                </dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600">Today</dt>
                <dd className="text-3xl font-bold text-slate-900 tabular-nums">{agenda.today.filter((a) => a.status !== "CANCELLED").length}</dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600">Awaiting outcome</dt>
                <dd className="text-3xl font-bold text-slate-900 tabular-nums">{agenda.needsOutcome.length}</dd>
              </div>
            </dl>
            {agenda.needsOutcome.length > 0 ? (
              <p className="mt-4 text-sm">
                <Link href="/doctor/appointments" className="font-medium text-brand-700 underline hover:text-brand-900">
                  Record outcomes
                </Link>
              </p>
            ) : null}
          </Card>
          <div className="lg:col-span-3">
            <Card
              title="Coming up"
              description="Your next booked visits."
              actions={
                <Link href="/doctor/appointments?view=week" className="text-sm font-medium text-brand-700 underline hover:text-brand-900">
                  This week&apos;s agenda
                </Link>
              }
            >
              <DoctorAppointmentList
                appointments={agenda.upcoming.slice(0, 6)}
                label="Coming up"
                withDate
                empty={{ title: "No upcoming appointments", body: "Patients book from your free slots; new bookings appear here." }}
                {...rowOptions}
              />
              {agenda.upcoming.length > 6 ? (
                <p className="mt-3 text-sm">
                  <Link href="/doctor/appointments?view=upcoming" className="font-medium text-brand-700 underline hover:text-brand-900">
                    See all {agenda.upcoming.length} upcoming appointments
                  </Link>
                </p>
              ) : null}
            </Card>
          </div>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="lg:col-span-2">
          <PatientsAccessCard patients={myPatients.ok ? myPatients.value.total : null} openGrants={openGrants.ok ? openGrants.value.total : null} />
        </div>
        <Card title="Invite a patient" description="The patient registers through a one-time link and is linked to you.">
          <InvitePatientForm />
        </Card>
        <Card title="Your patients">
          {patients.length === 0 ? (
            <EmptyState title="No patients yet">Patients you invite appear here once they register.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-200">
              {patients.map((p) => (
                <li key={p.publicId} className="flex justify-between py-2.5">
                  <span className="font-medium">{p.name}</span>
                  <span className="font-mono text-sm text-slate-600">{p.publicId}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <div className="lg:col-span-2">
          <Card title="Invitations">
            {sent.length === 0 ? (
              <EmptyState title="No invitations sent" />
            ) : (
              <table className="w-full text-left text-sm">
                <thead className="text-slate-500">
                  <tr>
                    <th scope="col" className="py-2 font-medium">Patient</th>
                    <th scope="col" className="py-2 font-medium">Email</th>
                    <th scope="col" className="py-2 font-medium">State</th>
                    <th scope="col" className="py-2 font-medium">Expires (UTC)</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200">
                  {sent.map((i) => (
                    <tr key={i.id}>
                      <td className="py-2">{i.patientName}</td>
                      <td className="py-2">{i.email}</td>
                      <td className="py-2">{i.state === "OPEN" ? "Open" : i.state === "USED" ? "Registered" : "Expired"}</td>
                      <td className="py-2">{dateFormat.format(i.expiresAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
