"use server";

import { errorState, type FormState } from "@/components/forms/form-state";
import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { openUpload } from "@/lib/documents/open-upload";
import { openUploadInputFrom, uploadFormValues } from "@/lib/documents/upload-form-input";
import { outageAsResult } from "@/lib/outages/outage";

export type OpenUploadState = FormState | { status: "opened"; uploadId: string; documentId: string };

/**
 * Control plane of an upload: the form's metadata plus the file's declared size and type (never its
 * bytes). The browser then streams the file to /api/uploads/<uploadId>, where size and type are enforced.
 */
export async function openUploadAction(formData: FormData): Promise<OpenUploadState> {
  const input = openUploadInputFrom(formData);
  const result = await outageAsResult(async () => openUpload(await currentActor(), input, await requestContext()));
  if (!result.ok) return errorState(result.error, uploadFormValues(input));
  return { status: "opened", uploadId: result.value.uploadId, documentId: result.value.documentId };
}
