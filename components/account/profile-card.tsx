import type { OwnProfileDto } from "@/lib/account/get-profile";
import { Card } from "@/components/ui/card";
import { CopyButton } from "./copy-button";
import { formatDate, ROLE_LABEL, VERIFICATION_LABEL } from "./labels";

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="py-3 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-500">{term}</dt>
      <dd className="mt-1 text-sm text-slate-900 sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  );
}

export function ProfileCard({ profile }: { profile: OwnProfileDto }) {
  const verification = profile.doctor ? VERIFICATION_LABEL[profile.doctor.verification] : undefined;
  return (
    <Card title="Profile">
      {profile.publicId ? (
        <div className="mb-6 rounded-lg border border-brand-100 bg-brand-50 p-4">
          <h3 className="text-sm font-medium text-brand-900">Your MedAnchor ID</h3>
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <p className="font-mono text-2xl font-semibold tracking-wider text-slate-900">
              {profile.publicId}
            </p>
            <CopyButton text={profile.publicId} label="Copy ID" />
          </div>
          <p className="mt-2 text-sm text-slate-600">Give this ID to a doctor so they can find you. It is random and reveals nothing else about you.</p>
        </div>
      ) : null}
      <dl className="divide-y divide-slate-100">
        <Detail term="Name">{profile.name}</Detail>
        <Detail term="Email">{profile.email}</Detail>
        <Detail term="Role">{ROLE_LABEL[profile.role]}</Detail>
        {profile.doctor && verification ? (
          <>
            <Detail term="Specialty">{profile.doctor.specialty}</Detail>
            <Detail term="Facility">{profile.doctor.facility}</Detail>
            <Detail term="Verification">
              <span className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ${verification.tone}`}>{verification.label}</span>
            </Detail>
          </>
        ) : null}
        <Detail term="Member since">{formatDate(profile.createdAt)}</Detail>
      </dl>
    </Card>
  );
}
