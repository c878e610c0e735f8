"use server";

import { errorState, type FormState } from "@/components/forms/form-state";
import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { openUpload } from "@/lib/documents/open-upload";

export type OpenUploadState = FormState | { status: "opened"; uploadId: string; documentId: string };

const text = (formData: FormData, key: string) => {
  const value = formData.get(key);
  return typeof value === "string" ? value : undefined;
};

/**
 * Control plane of an upload: the form's metadata plus the file's declared size and type (never its
 * bytes). The browser then streams the file to /api/uploads/<uploadId>, where size and type are enforced.
 */
export async function openUploadAction(formData: FormData): Promise<OpenUploadState> {
  const size = text(formData, "declaredSize");
  const input = {
    title: text(formData, "title") ?? "",
    kind: text(formData, "kind") ?? "",
    serviceDate: text(formData, "serviceDate") || null,
    note: text(formData, "note") || null,
    declaredType: text(formData, "declaredType") ?? "",
    declaredSize: size && /^\d+$/.test(size) ? Number(size) : Number.NaN,
  };
  const result = await openUpload(await currentActor(), input, await requestContext());
  if (!result.ok) return errorState(result.error, { title: input.title, kind: input.kind, serviceDate: input.serviceDate ?? "", note: input.note ?? "" });
  return { status: "opened", uploadId: result.value.uploadId, documentId: result.value.documentId };
}
