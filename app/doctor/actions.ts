"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/components/forms/form-state";
import { cancelAppointment } from "@/lib/appointments/cancel-appointment";
import { markAppointmentOutcome } from "@/lib/appointments/mark-outcome";
import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { resubmitOwnApplication } from "@/lib/doctor-application/own-application";
import { createPatientInvitation } from "@/lib/invitations/create-invitation";
import { outageAsResult } from "@/lib/outages/outage";

export async function invitePatientAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { patientName: String(formData.get("patientName") ?? ""), email: String(formData.get("email") ?? "") };
  const result = await outageAsResult(async () => createPatientInvitation(await currentActor(), values, await requestContext()));
  if (!result.ok) return errorState(result.error, values);
  revalidatePath("/doctor");
  return { status: "success", message: "Invitation created. Share this one-time link with the patient; it is valid for 7 days and shown only now.", values: { registrationPath: result.value.registrationPath } };
}

export async function resubmitApplicationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const keys = ["specialty", "licenseJurisdiction", "licenseNumber", "facilityId", "timeZone", "bio"];
  const values = Object.fromEntries(keys.map((k) => [k, String(formData.get(k) ?? "")]));
  const result = await outageAsResult(async () => resubmitOwnApplication(await currentActor(), values, await requestContext()));
  if (!result.ok) return errorState(result.error, values);
  // The page switches to the "awaiting verification" view, which shows the confirmation.
  redirect("/doctor?reapplied=1");
}

/** Where an appointment action sends the doctor back to: a fixed list, never a path taken from the form. */
const RETURN_PATHS: Record<string, string> = {
  dashboard: "/doctor",
  today: "/doctor/appointments",
  week: "/doctor/appointments?view=week",
  upcoming: "/doctor/appointments?view=upcoming",
};

function returnPath(formData: FormData, notice: string): string {
  const target = RETURN_PATHS[String(formData.get("returnTo"))] ?? RETURN_PATHS.today!;
  return `${target}${target.includes("?") ? "&" : "?"}notice=${notice}`;
}

export async function markAppointmentOutcomeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = { appointmentId: String(formData.get("appointmentId") ?? ""), outcome: String(formData.get("outcome") ?? "") };
  const result = await outageAsResult(async () => markAppointmentOutcome(await currentActor(), input, await requestContext()));
  if (!result.ok) return errorState(result.error);
  revalidatePath("/doctor", "layout");
  redirect(returnPath(formData, input.outcome === "NO_SHOW" ? "no-show" : "completed"));
}

export async function cancelAppointmentByDoctorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = { appointmentId: String(formData.get("appointmentId") ?? ""), reason: String(formData.get("reason") ?? "") };
  const result = await outageAsResult(async () => cancelAppointment(await currentActor(), input, await requestContext()));
  if (!result.ok) return errorState(result.error, { reason: input.reason });
  revalidatePath("/doctor", "layout");
  redirect(returnPath(formData, "cancelled"));
}
