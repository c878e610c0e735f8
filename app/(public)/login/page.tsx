import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Alert } from "@/components/ui/alert";
import { currentActor, ROLE_HOME } from "@/lib/auth/current-actor";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  everywhere: "You are signed out on every device.",
  passwordChanged: "Password changed. Sign in with your new password; your other sessions have ended.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await currentActor();
  if (actor) redirect(ROLE_HOME[actor.role]);
  const params = await searchParams;
  const notice = params.signedOut === "everywhere" ? NOTICES.everywhere : params.passwordChanged === "1" ? NOTICES.passwordChanged : undefined;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold tracking-tight">Sign in</h1>
      <p className="mt-2 text-slate-600">Patients, doctors and administrators all sign in here.</p>
      {notice ? (
        <div className="mt-6">
          <Alert tone="success">{notice}</Alert>
        </div>
      ) : null}
      <div className="mt-8 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <LoginForm />
      </div>
      <p className="mt-6 text-sm text-slate-600">
        New to MedAnchor?{" "}
        <Link href="/register" className="font-medium text-brand-700 underline">
          Create a patient account
        </Link>{" "}
        or{" "}
        <Link href="/register/doctor" className="font-medium text-brand-700 underline">
          apply as a doctor
        </Link>
        .
      </p>
    </div>
  );
}
