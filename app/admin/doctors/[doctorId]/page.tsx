import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { UserStatusBadge, VerificationBadge } from "@/components/admin/badge";
import { DoctorDecisionPanel } from "@/components/admin/doctor-decision-panel";
import { VERIFICATION_LABEL } from "@/components/admin/format";
import { UtcTime } from "@/components/admin/utc-time";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeading } from "@/components/ui/card";
import { currentActor, requireAdminWithMfa } from "@/lib/auth/current-actor";
import type { DoctorDecision, VerificationState } from "@/lib/doctors/dtos";
import { getDoctorApplication } from "@/lib/doctors/get-doctor-application";

export const metadata: Metadata = { title: "Doctor application" };

/** What a decision leads to, so the confirmation is shown only while it is still true. */
const DONE: Record<DoctorDecision, { state: VerificationState; message: (name: string) => string }> = {
  VERIFY: { state: "VERIFIED", message: (name) => `${name} is verified and now appears in the doctor directory.` },
  REJECT: { state: "REJECTED", message: () => "The application was rejected. The doctor sees your reason and may re-apply." },
  SUSPEND: { state: "SUSPENDED", message: (name) => `${name} is suspended and has been signed out.` },
  REINSTATE: { state: "VERIFIED", message: (name) => `${name} is reinstated and can sign in again.` },
};

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="text-sm text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

export default async function AdminDoctorPage({ params, searchParams }: { params: Promise<{ doctorId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdminWithMfa();
  const { doctorId } = await params;
  const result = await getDoctorApplication(await currentActor(), { doctorId });
  if (!result.ok) {
    if (result.error.code === "NOT_FOUND") notFound();
    return <Alert tone="error">{result.error.message}</Alert>;
  }
  const doctor = result.value;
  const decided = (await searchParams).decided;
  const done = typeof decided === "string" && decided in DONE ? DONE[decided as DoctorDecision] : undefined;

  return (
    <>
      <p className="mb-4 text-sm">
        <Link href="/admin/doctors" className="text-brand-700 underline-offset-2 hover:underline">
          ← All doctors
        </Link>
      </p>
      <PageHeading
        title={doctor.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {doctor.specialty} · {doctor.facilityName} <VerificationBadge state={doctor.state} />
          </span>
        }
      />
      {done && done.state === doctor.state ? (
        <div className="mb-6">
          <Alert tone="success">{done.message(doctor.name)}</Alert>
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Application">
            <dl className="divide-y divide-slate-100">
              <Detail label="Email">{doctor.email}</Detail>
              <Detail label="Specialty">{doctor.specialty}</Detail>
              <Detail label="License">
                <span className="font-mono">{doctor.licenseNumber}</span> <span className="text-slate-600">({doctor.licenseJurisdiction})</span>
              </Detail>
              <Detail label="Facility">
                {doctor.facilityName}, {doctor.facilityCity}
                {doctor.facilityActive ? null : <span className="ml-2 text-slate-500">(facility deactivated)</span>}
              </Detail>
              <Detail label="Time zone">{doctor.timeZone}</Detail>
              <Detail label="Applied">
                <UtcTime value={doctor.appliedAt} />
              </Detail>
              <Detail label="Account">
                <UserStatusBadge status={doctor.accountStatus} />
              </Detail>
            </dl>
          </Card>
          <Card title="Bio">
            {doctor.bio ? <p className="whitespace-pre-line text-sm leading-6 text-slate-800">{doctor.bio}</p> : <p className="text-sm text-slate-500">The applicant did not write a bio.</p>}
          </Card>
        </div>

        <div className="space-y-6">
          <Card title="Decision" description={`Current state: ${VERIFICATION_LABEL[doctor.state]}.`}>
            {doctor.allowedDecisions.length ? (
              <DoctorDecisionPanel doctorId={doctor.doctorId} name={doctor.name} decisions={doctor.allowedDecisions} />
            ) : (
              <p className="text-sm text-slate-600">Rejected applications cannot be decided again here. The doctor sees the reason, and re-applying after editing puts the application back in the queue.</p>
            )}
          </Card>
          <Card title="Last decision">
            {doctor.lastDecision ? (
              <dl className="divide-y divide-slate-100">
                <Detail label="When">
                  <UtcTime value={doctor.lastDecision.decidedAt} />
                </Detail>
                <Detail label="By">{doctor.lastDecision.decidedByName ?? "A former administrator"}</Detail>
                <Detail label="Reason">{doctor.lastDecision.reason ?? <span className="text-slate-500">None given</span>}</Detail>
              </dl>
            ) : (
              <p className="text-sm text-slate-600">No decision yet.</p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
