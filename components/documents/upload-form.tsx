"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { FormState } from "@/components/forms/form-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { DOCUMENT_KIND_LABELS, humanSize } from "./format";

type OpenUploadState = FormState | { status: "opened"; uploadId: string; documentId: string };

interface Props {
  openUpload: (formData: FormData) => Promise<OpenUploadState>;
  maxBytes: number;
  /** Sent with the metadata, e.g. the patient a doctor uploads for. */
  hiddenFields?: Record<string, string>;
  /** Where the new document shows up, for the success message. */
  destination?: string;
}

type Phase = { name: "idle" } | { name: "opening" } | { name: "uploading"; loaded: number; total: number } | { name: "done"; title: string } | { name: "cancelled" } | { name: "failed"; message: string };

const ACCEPT = ".pdf,.png,.jpg,.jpeg,.webp,.dcm,application/pdf,image/png,image/jpeg,image/webp,application/dicom";

/** Browsers rarely know DICOM; the server sniffs the bytes either way. */
function declaredTypeOf(file: File): string {
  if (file.type) return file.type;
  return /\.dcm$/i.test(file.name) ? "application/dicom" : "";
}

/**
 * Opens an upload with a server action (metadata, declared size and type), then streams the file to
 * /api/uploads/<id> with XMLHttpRequest so the progress bar shows real upload progress and can be cancelled.
 */
export function UploadForm({ openUpload, maxBytes, hiddenFields = {}, destination = "your documents" }: Props) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const [phase, setPhase] = useState<Phase>({ name: "idle" });
  const [formState, setFormState] = useState<FormState>({ status: "idle" });

  useEffect(() => () => xhrRef.current?.abort(), []);

  const busy = phase.name === "opening" || phase.name === "uploading";
  const errors = formState.fieldErrors ?? {};

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get("file");
    data.delete("file");
    if (!(file instanceof File) || file.name === "") {
      setFormState({ status: "error", message: "Choose a file to upload.", fieldErrors: { file: ["Choose a file to upload."] } });
      return;
    }
    data.set("declaredSize", String(file.size));
    data.set("declaredType", declaredTypeOf(file));
    setFormState({ status: "idle" });
    setPhase({ name: "opening" });
    let opened: OpenUploadState;
    try {
      opened = await openUpload(data);
    } catch {
      setPhase({ name: "failed", message: "The upload could not be started. Check your connection and try again." });
      return;
    }
    if (opened.status !== "opened") {
      const fieldErrors = { ...opened.fieldErrors };
      // The declared size and type describe the chosen file: show their messages at the file input.
      const fileErrors = [...(fieldErrors.declaredSize ?? []), ...(fieldErrors.declaredType ?? [])];
      if (fileErrors.length) fieldErrors.file = fileErrors;
      setFormState({ ...opened, fieldErrors });
      setPhase({ name: "idle" });
      return;
    }
    const title = String(data.get("title") ?? "");
    send(opened.uploadId, file, title);
  }

  function send(uploadId: string, file: File, title: string) {
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    setPhase({ name: "uploading", loaded: 0, total: file.size });
    xhr.upload.onprogress = (event) => setPhase({ name: "uploading", loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onload = () => {
      xhrRef.current = null;
      if (xhr.status === 201) {
        setPhase({ name: "done", title });
        formRef.current?.reset();
      } else {
        let message = "The upload failed. Please try again.";
        try {
          const body = JSON.parse(xhr.responseText) as { message?: unknown };
          if (typeof body.message === "string" && body.message) message = body.message;
        } catch {
          // Not JSON (a proxy's error page): keep the generic message.
        }
        setPhase({ name: "failed", message });
      }
      router.refresh();
    };
    xhr.onerror = () => {
      xhrRef.current = null;
      setPhase({ name: "failed", message: "The connection was lost during the upload. Please try again." });
      router.refresh();
    };
    xhr.onabort = () => {
      xhrRef.current = null;
      setPhase({ name: "cancelled" });
      router.refresh();
    };
    xhr.open("PUT", `/api/uploads/${encodeURIComponent(uploadId)}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.send(file);
  }

  useEffect(() => {
    if (phase.name === "done" || phase.name === "failed" || phase.name === "cancelled") resultRef.current?.focus();
  }, [phase.name]);

  const percent = phase.name === "uploading" ? (phase.total > 0 ? Math.min(100, Math.round((phase.loaded / phase.total) * 100)) : 0) : phase.name === "done" ? 100 : 0;

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-4" noValidate aria-label="Upload a document">
      {formState.status === "error" && formState.message ? <Alert tone="error">{formState.message}</Alert> : null}
      {Object.entries(hiddenFields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <TextField label="Title" name="title" id="document-title" required maxLength={200} errors={errors.title} disabled={busy} autoComplete="off" />
      <SelectField label="Kind" name="kind" id="document-kind" required defaultValue="" errors={errors.kind} disabled={busy}>
        <option value="" disabled>
          Choose a kind
        </option>
        {Object.entries(DOCUMENT_KIND_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <TextField label="Date of service (optional)" name="serviceDate" id="document-service-date" type="date" errors={errors.serviceDate} disabled={busy} />
      <TextAreaField label="Note (optional)" name="note" id="document-note" rows={3} maxLength={2000} errors={errors.note} disabled={busy} />
      <TextField
        label="File"
        name="file"
        id="document-file"
        type="file"
        accept={ACCEPT}
        required
        hint={`PDF, PNG, JPEG, WebP or DICOM, up to ${humanSize(maxBytes)}.`}
        errors={errors.file}
        disabled={busy}
        className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-brand-900 hover:file:bg-brand-100"
      />
      {phase.name === "uploading" || phase.name === "done" ? (
        <div className="space-y-1.5">
          <progress max={100} value={percent} aria-label="Upload progress" className="h-2 w-full overflow-hidden rounded-full accent-brand-600" />
          <p className="text-sm text-slate-700" data-testid="upload-percent">
            {percent}%{phase.name === "uploading" ? ` · ${humanSize(phase.loaded)} of ${humanSize(phase.total)}` : ""}
          </p>
        </div>
      ) : null}
      <div ref={resultRef} tabIndex={-1} className="focus:outline-none">
        {phase.name === "done" ? <Alert tone="success">Uploaded “{phase.title}”. It is now in {destination}.</Alert> : null}
        {phase.name === "failed" ? (
          <Alert tone="error" title="The upload was refused">
            {phase.message}
          </Alert>
        ) : null}
        {phase.name === "cancelled" ? <Alert tone="warning">Upload cancelled. Nothing was stored.</Alert> : null}
      </div>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={busy} aria-disabled={busy}>
          {busy ? (
            <>
              <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-current border-r-transparent" />
              Uploading…
            </>
          ) : (
            "Upload"
          )}
        </Button>
        {phase.name === "uploading" ? (
          <Button type="button" variant="secondary" onClick={() => xhrRef.current?.abort()}>
            Cancel upload
          </Button>
        ) : null}
      </div>
    </form>
  );
}
