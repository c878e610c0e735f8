"use client";

import { useActionState, useState } from "react";
import { requestAccessAction } from "@/app/doctor/patients/actions";
import { formatDayTime } from "@/components/appointments/time-format";
import { useViewerTimeZone } from "@/components/appointments/viewer-time-zone";
import { IDLE } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";

export interface VisitOption {
  id: string;
  startsAt: string;
}

interface Props {
  patientId: string;
  patientName: string;
  visits: VisitOption[];
  graceHours: number;
  maxDays: number;
  reasonMax: number;
  /** False once a request is waiting or access is already complete: only a success message remains. */
  canRequest: boolean;
}

const radioClasses = "h-4 w-4 border-slate-300 text-brand-600 focus:outline-2 focus:outline-brand-600";

const TITLE = "Request access";
const DESCRIPTION = "The patient is notified and decides; they may narrow what you ask for.";

/** Asks the patient for access: why, which documents, what permission and for how long. Stays mounted so its success message outlives the refresh. */
export function RequestAccessCard({ patientId, patientName, visits, graceHours, maxDays, reasonMax, canRequest }: Props) {
  const [state, formAction] = useActionState(requestAccessAction, IDLE);
  const [visitId, setVisitId] = useState(visits[0]?.id ?? "");
  const zone = useViewerTimeZone();
  const errors = state.fieldErrors ?? {};
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const scopeErrors = errors.allDocuments;

  if (state.status === "success") {
    return (
      <Card title={TITLE}>
        <Alert tone="success">{state.message}</Alert>
      </Card>
    );
  }
  if (!canRequest) return null;
  return (
    <Card title={TITLE} description={DESCRIPTION}>
      <form action={formAction} className="space-y-4" noValidate aria-label={`Request access to ${patientName}'s records`}>
        {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
        <input type="hidden" name="patientId" value={patientId} />
        <TextAreaField
          label="Reason"
          name="reason"
          id="request-reason"
          rows={3}
          required
          maxLength={reasonMax}
          defaultValue={values.reason}
          hint="The patient sees this when deciding."
          errors={errors.reason}
        />
        <fieldset className="space-y-2" aria-describedby={scopeErrors?.length ? "request-scope-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">Documents</legend>
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input type="radio" name="scope" value="all" defaultChecked={values.scope !== "chosen"} className={`mt-0.5 ${radioClasses}`} />
            <span>All documents, including ones added while access lasts</span>
          </label>
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input type="radio" name="scope" value="chosen" defaultChecked={values.scope === "chosen"} className={`mt-0.5 ${radioClasses}`} />
            <span>Only the documents the patient chooses</span>
          </label>
          {scopeErrors?.length ? (
            <p id="request-scope-error" className="text-sm text-red-700">
              {scopeErrors.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <SelectField label="Permission" name="permission" id="request-permission" defaultValue={values.permission ?? "READ"} errors={errors.permission}>
          <option value="READ">Read only</option>
          <option value="READ_WRITE">Read & write (you can upload reports)</option>
        </SelectField>
        {visits.length > 0 ? (
          <SelectField
            label="How long"
            name="appointmentId"
            id="request-visit"
            value={visitId}
            onChange={(event) => setVisitId(event.currentTarget.value)}
            hint={`Tied to a visit, access ends ${graceHours} h after it.`}
            errors={errors.appointmentId}
          >
            {visits.map((visit) => (
              <option key={visit.id} value={visit.id}>
                Until {graceHours} h after your visit on {zone ? formatDayTime(new Date(visit.startsAt), zone) : "…"}
              </option>
            ))}
            <option value="">A number of days</option>
          </SelectField>
        ) : null}
        {visitId === "" ? (
          <TextField
            label="Number of days"
            name="durationDays"
            id="request-days"
            type="number"
            inputMode="numeric"
            min={1}
            max={maxDays}
            step={1}
            required
            defaultValue={values.durationDays || "7"}
            hint={`Counted from the patient's approval; 1 to ${maxDays} days.`}
            errors={errors.durationDays}
          />
        ) : null}
        <SubmitButton pendingLabel="Sending…">Request access</SubmitButton>
      </form>
    </Card>
  );
}
