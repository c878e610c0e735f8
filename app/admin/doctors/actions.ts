"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/components/forms/form-state";
import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { decideDoctor } from "@/lib/doctors/decide-doctor";
import { formText } from "@/lib/forms/form-data";
import { outageAsResult } from "@/lib/outages/outage";

export async function decideDoctorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = { doctorId: formText(formData, "doctorId"), decision: formText(formData, "decision"), reason: formText(formData, "reason") };
  const result = await outageAsResult(async () => decideDoctor(await currentActor(), input, await requestContext()));
  if (!result.ok) return errorState(result.error, { reason: input.reason ?? "" });
  revalidatePath("/admin", "layout");
  redirect(`/admin/doctors/${result.value.doctorId}?decided=${input.decision}`);
}
