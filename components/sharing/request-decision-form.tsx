"use client";

import { useActionState } from "react";
import { LocalTime } from "@/components/appointments/local-time";
import { IDLE, type FormState } from "@/components/forms/form-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { GrantDto } from "@/lib/grants/list-grants";
import { DocumentPicker } from "./document-picker";
import { PERMISSION_LABEL } from "./grant-format";

interface Props {
  request: GrantDto;
  documents: { id: string; title: string }[];
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
}

/** One doctor's request: what they asked, and the patient's answer (narrowed if they like). */
export function RequestDecisionForm({ request, documents, action }: Props) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = state.fieldErrors ?? {};
  const headingId = `request-${request.id}`;
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-amber-200 bg-amber-50/40 p-4">
      <h3 id={headingId} className="font-medium text-slate-900">
        Dr. {request.doctor.name} <span className="font-normal text-slate-600">· {request.doctor.specialty}</span>
      </h3>
      <p className="mt-1 text-sm text-slate-700">&ldquo;{request.reason}&rdquo;</p>
      <p className="mt-1 text-sm text-slate-600">
        Asks to {request.permission === "READ_WRITE" ? "read and add documents" : "read"}: {request.allDocuments ? "all your documents" : "documents you choose"},{" "}
        {request.appointment ? (
          <>
            until 24 hours after your visit on <LocalTime startsAt={request.appointment.startsAt.toISOString()} />
          </>
        ) : (
          `for ${request.durationDays} day${request.durationDays === 1 ? "" : "s"}`
        )}
        .
      </p>
      {state.status === "success" ? (
        <div className="mt-3">
          <Alert tone="success">{state.message}</Alert>
        </div>
      ) : (
        <form action={formAction} className="mt-3 space-y-4">
          <input type="hidden" name="grantId" value={request.id} />
          {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
          <DocumentPicker documents={documents} allowAll={request.allDocuments} defaultScope={request.allDocuments ? "all" : "chosen"} errors={errors.documentIds} />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField id={`permission-${request.id}`} label="Permission" name="permission" defaultValue={request.permission} errors={errors.permission}>
              <option value="READ">{PERMISSION_LABEL.READ}</option>
              {request.permission === "READ_WRITE" ? <option value="READ_WRITE">{PERMISSION_LABEL.READ_WRITE}</option> : null}
            </SelectField>
            {request.durationDays ? <TextField id={`days-${request.id}`} label="Days of access" name="durationDays" type="number" min={1} max={request.durationDays} defaultValue={request.durationDays} errors={errors.durationDays} /> : null}
          </div>
          <div className="flex flex-wrap gap-3">
            <Button type="submit" name="decision" value="approve" disabled={pending}>
              {pending ? "Saving…" : "Approve"}
            </Button>
            <Button type="submit" name="decision" value="deny" variant="secondary" disabled={pending}>
              Decline
            </Button>
          </div>
        </form>
      )}
    </article>
  );
}
