import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { LogoutEverywhereForm } from "@/components/account/logout-everywhere-form";
import { MailPreferencesForm } from "@/components/account/mail-preferences-form";
import { ProfileCard } from "@/components/account/profile-card";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeading } from "@/components/ui/card";
import { getOwnProfile } from "@/lib/account/get-profile";
import { requireUser } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { getMailPreferences } from "@/lib/mail/preferences";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const actor = await requireUser();
  const context = await requestContext();
  const [result, mail] = await Promise.all([getOwnProfile(actor, context), getMailPreferences(actor, context)]);
  if (!result.ok || !mail.ok) {
    if ((!result.ok && result.error.code === "UNAUTHENTICATED") || (!mail.ok && mail.error.code === "UNAUTHENTICATED")) redirect("/login");
    notFound();
  }
  const profile = result.value;
  const offersMfa = profile.role !== "PATIENT";

  return (
    <>
      <PageHeading title="Your account" description="Your details, your password and where you are signed in." />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <ProfileCard profile={profile} />
          <Card title="Email" description="Account decisions and security alerts are always sent. Choose which other messages you want by email; notifications in the app are not affected.">
            <MailPreferencesForm preferences={mail.value} />
          </Card>
          <Card title="Change password" description="You will be signed out on every device, including this one, and sign in again with the new password.">
            <ChangePasswordForm />
          </Card>
        </div>
        <div className="space-y-6">
          {offersMfa ? (
            <Card title="Two-factor authentication">
              <p className="flex items-center gap-2 text-sm">
                <span className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ${profile.mfaEnabled ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-slate-700"}`}>
                  {profile.mfaEnabled ? "On" : "Off"}
                </span>
                <span className="text-slate-600">{profile.mfaEnabled ? `${profile.recoveryCodesLeft} recovery codes left` : "Only your password protects this account."}</span>
              </p>
              {!profile.mfaEnabled && profile.role === "ADMIN" ? (
                <div className="mt-4">
                  <Alert tone="warning">Administrators must set up two-factor authentication before using admin pages.</Alert>
                </div>
              ) : null}
              <Link href="/account/security" className={`mt-4 ${buttonClasses(profile.mfaEnabled ? "secondary" : "primary")}`}>
                {profile.mfaEnabled ? "Manage two-factor authentication" : "Set up two-factor authentication"}
              </Link>
            </Card>
          ) : null}
          {profile.role !== "ADMIN" ? (
            <Card title="API access" description="Let a health app read your records through the FHIR API with a personal access token.">
              <Link href="/account/tokens" className={buttonClasses("secondary")}>
                Manage API tokens
              </Link>
            </Card>
          ) : null}
          <Card
            title="Sign out everywhere"
            description="Ends every session on every device, including this one. Use it if you signed in on a shared computer or think someone else knows your password."
          >
            <LogoutEverywhereForm />
          </Card>
        </div>
      </div>
    </>
  );
}
