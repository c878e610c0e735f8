"use server";

import { revalidatePath } from "next/cache";
import { errorState, type FormState } from "@/components/forms/form-state";
import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { resubmitOwnApplication } from "@/lib/doctor-application/own-application";
import { createPatientInvitation } from "@/lib/invitations/create-invitation";

export async function invitePatientAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { patientName: String(formData.get("patientName") ?? ""), email: String(formData.get("email") ?? "") };
  const result = await createPatientInvitation(await currentActor(), values, await requestContext());
  if (!result.ok) return errorState(result.error, values);
  revalidatePath("/doctor");
  return { status: "success", message: "Invitation created. Share this one-time link with the patient; it is valid for 7 days and shown only now.", values: { registrationPath: result.value.registrationPath } };
}

export async function resubmitApplicationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const keys = ["specialty", "licenseJurisdiction", "licenseNumber", "facilityId", "timeZone", "bio"];
  const values = Object.fromEntries(keys.map((k) => [k, String(formData.get(k) ?? "")]));
  const result = await resubmitOwnApplication(await currentActor(), values, await requestContext());
  if (!result.ok) return errorState(result.error, values);
  revalidatePath("/doctor");
  return { status: "success", message: "Application sent again. An administrator will review it." };
}
