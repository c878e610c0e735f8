import type { Metadata } from "next";
import { InvitePatientForm } from "@/components/doctor/invite-patient-form";
import { ResubmitApplicationForm } from "@/components/doctor/resubmit-application-form";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { JURISDICTION_CODES, LICENSE_JURISDICTIONS, SPECIALTIES } from "@/lib/accounts/license-rules";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { getOwnApplication, type OwnApplicationDto } from "@/lib/doctor-application/own-application";
import { listActiveFacilities } from "@/lib/facilities/list-active-facilities";
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

export default async function DoctorDashboardPage() {
  await requireRole("DOCTOR");
  const actor = await currentActor();
  const application = await getOwnApplication(actor);
  if (!application.ok) return <Alert tone="error">{application.error.message}</Alert>;
  const app = application.value;

  if (app.verification === "PENDING") {
    return (
      <>
        <PageHeading title="Awaiting verification" description="An administrator is checking your license. You will be able to see patients once you are verified." />
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

  const invitations = await listOwnInvitations(actor);
  const { invitations: sent, patients } = invitations.ok ? invitations.value : { invitations: [], patients: [] };
  return (
    <>
      <PageHeading title={`Dr. ${app.name}`} description={`${app.specialty} · ${app.facilityName} · times in ${app.timeZone}`} />
      <div className="grid gap-6 lg:grid-cols-2">
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
