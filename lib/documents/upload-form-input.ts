import { formText } from "@/lib/forms/form-data";
import type { OpenUploadInput } from "./open-upload";

/**
 * The upload form's metadata plus the file's declared size and type (never its bytes), as openUpload
 * takes them; openUpload validates every field. A doctor's form also names the patient.
 */
export function openUploadInputFrom(formData: FormData): OpenUploadInput {
  const size = formText(formData, "declaredSize");
  return {
    patientId: formText(formData, "patientId") ?? null,
    title: formText(formData, "title") ?? "",
    kind: formText(formData, "kind") ?? "",
    serviceDate: formText(formData, "serviceDate") || null,
    note: formText(formData, "note") || null,
    declaredType: formText(formData, "declaredType") ?? "",
    declaredSize: size && /^\d+$/.test(size) ? Number(size) : Number.NaN,
  };
}

/** What the form gets back after a refusal, so nothing typed is lost. */
export function uploadFormValues(input: OpenUploadInput): Record<string, string> {
  return { title: input.title, kind: input.kind, serviceDate: input.serviceDate ?? "", note: input.note ?? "" };
}
