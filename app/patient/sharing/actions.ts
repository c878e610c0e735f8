"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/components/forms/form-state";
import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { createGrant } from "@/lib/grants/create-grant";
import { decideAccessRequest } from "@/lib/grants/decide-request";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { formText, formTexts } from "@/lib/forms/form-data";
import { outageAsResult } from "@/lib/outages/outage";

/** Approve (possibly narrowed) or deny a doctor's request; the button pressed names the decision. */
export async function decideAccessRequestAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const decision = formText(formData, "decision");
  const input =
    decision === "approve"
      ? { decision, grantId: formText(formData, "grantId"), allDocuments: formText(formData, "scope") === "all", documentIds: formTexts(formData, "documentIds"), permission: formText(formData, "permission"), durationDays: formText(formData, "durationDays") }
      : { decision: "deny" as const, grantId: formText(formData, "grantId") };
  const result = await outageAsResult(async () => decideAccessRequest(await currentActor(), input, await requestContext()));
  if (!result.ok) return errorState(result.error);
  revalidatePath("/patient/sharing");
  // The request leaves the page with its form, so the confirmation travels with the page itself.
  redirect(`/patient/sharing?notice=${result.value.state === "ACTIVE" ? "approved" : "declined"}`);
}

/** Share all or chosen documents with a doctor until a chosen day. */
export async function createGrantAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = { doctorId: formText(formData, "doctorId"), allDocuments: formText(formData, "scope") === "all", documentIds: formTexts(formData, "documentIds"), permission: formText(formData, "permission") ?? "READ", until: formText(formData, "until") };
  const result = await outageAsResult(async () => createGrant(await currentActor(), input, await requestContext()));
  if (!result.ok) return errorState(result.error, { doctorId: input.doctorId ?? "", until: input.until ?? "", permission: input.permission, scope: input.allDocuments ? "all" : "chosen" });
  revalidatePath("/patient/sharing");
  return { status: "success", message: "Shared. The doctor can open it now." };
}

/** Pages a revocation may return to: the sharing page or one of the patient's document pages. */
const RETURN_TO = /^\/patient\/(sharing|documents\/[0-9a-f-]{36})$/;

export async function revokeGrantAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await outageAsResult(async () => revokeGrant(await currentActor(), { grantId: formText(formData, "grantId") }, await requestContext()));
  if (!result.ok) return errorState(result.error);
  const returnTo = formText(formData, "returnTo") ?? "";
  const page = RETURN_TO.test(returnTo) ? returnTo : "/patient/sharing";
  revalidatePath(page);
  redirect(`${page}?notice=revoked`);
}
