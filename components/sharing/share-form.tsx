"use client";

import { useActionState, useId } from "react";
import { IDLE, type FormState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { SelectField, TextField } from "@/components/ui/field";
import { DocumentPicker } from "./document-picker";
import { PERMISSION_LABEL } from "./grant-format";

interface Props {
  doctors: { id: string; name: string; specialty: string }[];
  /** Every stored document to choose from, or one fixed document (sharing from its page). */
  documents: { id: string; title: string }[];
  fixedDocumentId?: string;
  defaultUntil: string;
  minUntil: string;
  maxUntil: string;
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
}

/** Share all or chosen documents with one of the patient's doctors until a chosen day. */
export function ShareForm({ doctors, documents, fixedDocumentId, defaultUntil, minUntil, maxUntil, action }: Props) {
  const [state, formAction] = useActionState(action, IDLE);
  // Unique ids: the page may hold other forms with the same field names (requests to decide).
  const formId = useId();
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  if (doctors.length === 0) return <p className="text-sm text-slate-600">Book a visit first: you can share with doctors you have seen or are linked with.</p>;
  return (
    <form action={formAction} className="space-y-4">
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <SelectField id={`${formId}-doctor`} label="Doctor" name="doctorId" defaultValue={values.doctorId ?? ""} required errors={errors.doctorId}>
        <option value="" disabled>
          Choose a doctor
        </option>
        {doctors.map((doctor) => (
          <option key={doctor.id} value={doctor.id}>
            Dr. {doctor.name} ({doctor.specialty})
          </option>
        ))}
      </SelectField>
      {fixedDocumentId ? (
        <>
          <input type="hidden" name="scope" value="chosen" />
          <input type="hidden" name="documentIds" value={fixedDocumentId} />
        </>
      ) : (
        <DocumentPicker documents={documents} allowAll defaultScope={values.scope === "all" ? "all" : "chosen"} errors={errors.documentIds} />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField id={`${formId}-permission`} label="Permission" name="permission" defaultValue={values.permission ?? "READ"} errors={errors.permission}>
          <option value="READ">{PERMISSION_LABEL.READ}</option>
          <option value="READ_WRITE">{PERMISSION_LABEL.READ_WRITE}</option>
        </SelectField>
        <TextField id={`${formId}-until`} label="Access until (end of day, UTC)" name="until" type="date" required min={minUntil} max={maxUntil} defaultValue={values.until ?? defaultUntil} errors={errors.until} />
      </div>
      <SubmitButton pendingLabel="Sharing…">Share</SubmitButton>
    </form>
  );
}
