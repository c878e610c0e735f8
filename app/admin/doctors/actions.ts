"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/components/forms/form-state";
import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { decideDoctor } from "@/lib/doctors/decide-doctor";

const text = (formData: FormData, key: string) => {
  const value = formData.get(key);
  return typeof value === "string" ? value : undefined;
};

export async function decideDoctorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = { doctorId: text(formData, "doctorId"), decision: text(formData, "decision"), reason: text(formData, "reason") };
  const result = await decideDoctor(await currentActor(), input, await requestContext());
  if (!result.ok) return errorState(result.error, { reason: input.reason ?? "" });
  revalidatePath("/admin", "layout");
  redirect(`/admin/doctors/${result.value.doctorId}?decided=${input.decision}`);
}
