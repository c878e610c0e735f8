"use server";

import { refresh, revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/components/forms/form-state";
import { bookAppointment } from "@/lib/appointments/book-appointment";
import { cancelAppointment } from "@/lib/appointments/cancel-appointment";
import { rescheduleAppointment } from "@/lib/appointments/reschedule-appointment";
import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import type { ErrorCode } from "@/lib/result";
import { formText } from "@/lib/forms/form-data";
import { outageAsResult } from "@/lib/outages/outage";

/** The chosen slot arrives as one ISO 8601 interval, "start/end"; the service validates both instants. */
function slotOf(formData: FormData) {
  const [startsAt, endsAt] = (formText(formData, "slot") ?? "").split("/");
  return { startsAt, endsAt };
}

/** When the chosen time turned out to be gone, the page re-renders so the list shows what is still free. */
const STALE_SLOT: ErrorCode[] = ["SLOT_TAKEN", "SLOT_UNAVAILABLE"];

export async function bookAppointmentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = { doctorId: formText(formData, "doctorId"), ...slotOf(formData), reason: formText(formData, "reason"), idempotencyKey: formText(formData, "idempotencyKey") };
  const result = await outageAsResult(async () => bookAppointment(await currentActor(), input, await requestContext()));
  if (!result.ok) {
    if (STALE_SLOT.includes(result.error.code)) refresh();
    return errorState(result.error, { reason: input.reason ?? "" });
  }
  revalidatePath("/patient");
  redirect("/patient?booked=1");
}

export async function rescheduleAppointmentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = { appointmentId: formText(formData, "appointmentId"), ...slotOf(formData) };
  const result = await outageAsResult(async () => rescheduleAppointment(await currentActor(), input, await requestContext()));
  if (!result.ok) {
    if (STALE_SLOT.includes(result.error.code)) refresh();
    return errorState(result.error);
  }
  revalidatePath("/patient");
  redirect("/patient?rescheduled=1");
}

export async function cancelAppointmentAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = { appointmentId: formText(formData, "appointmentId"), reason: formText(formData, "reason") };
  const result = await outageAsResult(async () => cancelAppointment(await currentActor(), input, await requestContext()));
  if (!result.ok) return errorState(result.error, { reason: input.reason ?? "" });
  revalidatePath("/patient");
  redirect("/patient?cancelled=1");
}
