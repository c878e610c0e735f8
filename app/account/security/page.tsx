import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { DisableTotpForm } from "@/components/account/disable-totp-form";
import { formatDate, ROLE_HOME_LABEL } from "@/components/account/labels";
import { RegenerateRecoveryCodesForm } from "@/components/account/regenerate-recovery-codes-form";
import { TotpEnrolmentForm } from "@/components/account/totp-enrolment-form";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeading } from "@/components/ui/card";
import { getOwnProfile } from "@/lib/account/get-profile";
import { requireUser, ROLE_HOME } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { startTotpEnrolment } from "@/lib/mfa/enrolment";
import { RECOVERY_CODE_COUNT } from "@/lib/mfa/recovery-codes";
import type { ServiceError } from "@/lib/result";

export const metadata: Metadata = { title: "Security" };

const LOW_RECOVERY_CODES = 3;

function failed(error: ServiceError): never {
  if (error.code === "UNAUTHENTICATED") redirect("/login");
  notFound();
}

export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ required?: string | string[]; disabled?: string | string[] }> }) {
  const actor = await requireUser();
  // Patients have no second factor to manage: the page does not exist for them.
  if (actor.role === "PATIENT") notFound();
  const { required, disabled } = await searchParams;
  const context = await requestContext();
  const result = await getOwnProfile(actor, context);
  if (!result.ok) failed(result.error);
  const profile = result.value;
  const home = { href: ROLE_HOME[profile.role], label: ROLE_HOME_LABEL[profile.role] };
  const enrolment = profile.mfaEnabled ? null : await startTotpEnrolment(actor, context);
  if (enrolment && !enrolment.ok) failed(enrolment.error);

  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href="/account" className="font-medium text-brand-700 underline">
          ← Your account
        </Link>
      </p>
      <PageHeading title="Security" description="Two-factor authentication keeps your account safe even if someone learns your password." />
      <div className="space-y-6">
        {required === "1" && !profile.mfaEnabled ? (
          <Alert tone="warning" title="Two-factor authentication required">
            Administrators must set up two-factor authentication before using admin pages.
          </Alert>
        ) : null}
        {disabled === "1" && !profile.mfaEnabled ? <Alert tone="success">Two-factor authentication is off. You can turn it on again below.</Alert> : null}

        {enrolment?.ok ? (
          <Card title="Set up two-factor authentication" description="After your password, signing in will also ask for a 6-digit code from an app on your phone.">
            <TotpEnrolmentForm enrolment={enrolment.value} continueHref={home.href} continueLabel={home.label} />
          </Card>
        ) : (
          <>
            <Card title="Two-factor authentication">
              <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                <span className="inline-flex rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-medium text-emerald-800">On</span>
                {profile.mfaEnabledAt ? <span>Since {formatDate(profile.mfaEnabledAt)}. Signing in asks for a code from your authenticator app.</span> : null}
              </p>
            </Card>
            <Card
              title="Recovery codes"
              description="Each recovery code signs you in once if you can't use your authenticator app. Creating new codes makes all earlier ones stop working."
            >
              <p className="mb-5 text-sm text-slate-700">
                <span className="font-semibold">{profile.recoveryCodesLeft}</span> of {RECOVERY_CODE_COUNT} recovery codes left.
              </p>
              {profile.recoveryCodesLeft <= LOW_RECOVERY_CODES ? (
                <div className="mb-5">
                  <Alert tone="warning">You are running out of recovery codes. Create new ones and store them safely.</Alert>
                </div>
              ) : null}
              <RegenerateRecoveryCodesForm continueHref="/account" continueLabel="Back to your account" />
            </Card>
            {profile.role === "DOCTOR" ? (
              <Card title="Turn off two-factor authentication" description="Your account will be protected by your password alone. Confirm with your password and a code.">
                <DisableTotpForm />
              </Card>
            ) : (
              <Card title="Turn off two-factor authentication">
                <p className="text-sm text-slate-600">
                  Administrators can&apos;t turn off two-factor authentication: it protects every account and document they can reach. Keep your recovery codes
                  somewhere safe; they are your way in if you lose your phone.
                </p>
              </Card>
            )}
          </>
        )}
      </div>
    </div>
  );
}
