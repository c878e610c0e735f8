import type { Metadata } from "next";
import Link from "next/link";
import { PatientRegistrationForm } from "@/components/auth/patient-registration-form";

export const metadata: Metadata = { title: "Create a patient account" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<{ invite?: string | string[] }> }) {
  const { invite } = await searchParams;
  const invitationToken = typeof invite === "string" ? invite : undefined;
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold tracking-tight">Create a patient account</h1>
      <p className="mt-2 text-slate-600">
        {invitationToken ? "Your doctor invited you to MedAnchor. Registering links your account with them." : "Book appointments with verified doctors and keep your medical documents in one place."}
      </p>
      <div className="mt-8 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <PatientRegistrationForm invitationToken={invitationToken} />
      </div>
      <p className="mt-6 text-sm text-slate-600">
        Already registered?{" "}
        <Link href="/login" className="font-medium text-brand-700 underline">
          Sign in
        </Link>
        . Are you a doctor?{" "}
        <Link href="/register/doctor" className="font-medium text-brand-700 underline">
          Apply here
        </Link>
        .
      </p>
    </div>
  );
}
