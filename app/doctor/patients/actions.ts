"use server";

import { revalidatePath } from "next/cache";
import { errorState, type FormState } from "@/components/forms/form-state";
import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { openUpload } from "@/lib/documents/open-upload";
import { openUploadInputFrom, uploadFormValues } from "@/lib/documents/upload-form-input";
import { formText } from "@/lib/forms/form-data";
import { requestAccess } from "@/lib/grants/request-access";
import type { OpenUploadState } from "@/app/patient/documents/actions";
import { outageAsResult } from "@/lib/outages/outage";

/** Ask a patient for access to their records. */
export async function requestAccessAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = {
    patientId: formText(formData, "patientId"),
    reason: formText(formData, "reason") ?? "",
    allDocuments: formText(formData, "scope") !== "chosen",
    permission: formText(formData, "permission") ?? "READ",
    appointmentId: formText(formData, "appointmentId") || undefined,
    durationDays: formText(formData, "appointmentId") ? undefined : formText(formData, "durationDays"),
  };
  const result = await outageAsResult(async () => requestAccess(await currentActor(), input, await requestContext()));
  if (!result.ok) return errorState(result.error, { reason: input.reason, permission: input.permission, scope: input.allDocuments ? "all" : "chosen", durationDays: input.durationDays ?? "" });
  revalidatePath(`/doctor/patients/${input.patientId}`);
  return { status: "success", message: "Request sent. You will be notified when the patient answers." };
}

/** Control plane of a doctor's upload for a patient (READ_WRITE grant); the bytes go to /api/uploads/<id>. */
export async function openPatientUploadAction(formData: FormData): Promise<OpenUploadState> {
  const input = openUploadInputFrom(formData);
  const result = await outageAsResult(async () => openUpload(await currentActor(), input, await requestContext()));
  if (!result.ok) return errorState(result.error, uploadFormValues(input));
  return { status: "opened", uploadId: result.value.uploadId, documentId: result.value.documentId };
}
