"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/components/forms/form-state";
import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { createFacility } from "@/lib/facilities/create-facility";
import { setFacilityActive } from "@/lib/facilities/set-facility-active";
import { updateFacility } from "@/lib/facilities/update-facility";
import { outageAsResult } from "@/lib/outages/outage";

const FIELDS = ["name", "city", "address"] as const;

function facilityValues(formData: FormData): Record<string, string> {
  return Object.fromEntries(FIELDS.map((key) => [key, String(formData.get(key) ?? "")]));
}

export async function createFacilityAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = facilityValues(formData);
  const result = await outageAsResult(async () => createFacility(await currentActor(), values, await requestContext()));
  if (!result.ok) return errorState(result.error, values);
  revalidatePath("/admin", "layout");
  redirect(`/admin/facilities/${result.value.facilityId}?done=created`);
}

export async function updateFacilityAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = facilityValues(formData);
  const result = await outageAsResult(async () => updateFacility(await currentActor(), { ...values, facilityId: String(formData.get("facilityId") ?? "") }, await requestContext()));
  if (!result.ok) return errorState(result.error, values);
  revalidatePath("/admin", "layout");
  return { status: "success", message: "Changes saved.", values };
}

export async function setFacilityActiveAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = { facilityId: String(formData.get("facilityId") ?? ""), active: String(formData.get("active") ?? "") };
  const result = await outageAsResult(async () => setFacilityActive(await currentActor(), input, await requestContext()));
  if (!result.ok) return errorState(result.error);
  revalidatePath("/admin", "layout");
  redirect(`/admin/facilities/${result.value.facilityId}?done=${result.value.active ? "activated" : "deactivated"}`);
}
