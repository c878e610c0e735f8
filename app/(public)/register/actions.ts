"use server";

import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/components/forms/form-state";
import { applyAsDoctor } from "@/lib/accounts/apply-as-doctor";
import { registerPatient } from "@/lib/accounts/register-patient";
import { signIn } from "@/lib/auth/auth";
import { requestContext } from "@/lib/auth/request-context";

const KEPT_FIELDS = ["name", "email", "dateOfBirth", "phone", "specialty", "licenseJurisdiction", "licenseNumber", "licenseValidUntil", "facilityId", "timeZone", "bio", "invitationToken"];

function formValues(formData: FormData): Record<string, string> {
  return Object.fromEntries(KEPT_FIELDS.map((key) => [key, String(formData.get(key) ?? "")]));
}

async function signInAfterRegistration(formData: FormData, home: string): Promise<never> {
  await signIn("credentials", { email: String(formData.get("email")), password: String(formData.get("password")), redirect: false });
  redirect(home);
}

export async function registerPatientAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const result = await registerPatient({ ...values, password: formData.get("password") }, await requestContext());
  if (!result.ok) return errorState(result.error, values);
  return signInAfterRegistration(formData, "/patient");
}

export async function applyAsDoctorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const result = await applyAsDoctor({ ...values, password: formData.get("password") }, await requestContext());
  if (!result.ok) return errorState(result.error, values);
  return signInAfterRegistration(formData, "/doctor");
}
