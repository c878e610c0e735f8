"use client";

import { useActionState } from "react";
import { resubmitApplicationAction } from "@/app/doctor/actions";
import { IDLE } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";

interface Props {
  current: { specialty: string; licenseJurisdiction: string; licenseNumber: string; facilityId: string; timeZone: string; bio: string };
  facilities: { id: string; name: string; city: string }[];
  specialties: string[];
  jurisdictions: { code: string; label: string }[];
  timeZones: string[];
}

export function ResubmitApplicationForm({ current, facilities, specialties, jurisdictions, timeZones }: Props) {
  const [state, formAction] = useActionState(resubmitApplicationAction, IDLE);
  const errors = state.fieldErrors ?? {};
  const values = { ...current, ...(state.status === "error" ? state.values : {}) };
  if (state.status === "success") return <Alert tone="success">{state.message}</Alert>;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.status === "error" ? <Alert tone="error">{state.message}</Alert> : null}
      <SelectField label="Specialty" name="specialty" defaultValue={values.specialty} errors={errors.specialty}>
        {specialties.map((s) => (
          <option key={s}>{s}</option>
        ))}
      </SelectField>
      <div className="grid gap-5 sm:grid-cols-2">
        <SelectField label="Licensing jurisdiction" name="licenseJurisdiction" defaultValue={values.licenseJurisdiction} errors={errors.licenseJurisdiction}>
          {jurisdictions.map((j) => (
            <option key={j.code} value={j.code}>
              {j.label}
            </option>
          ))}
        </SelectField>
        <TextField label="License number" name="licenseNumber" defaultValue={values.licenseNumber} errors={errors.licenseNumber} />
      </div>
      <SelectField label="Facility" name="facilityId" defaultValue={values.facilityId} errors={errors.facilityId}>
        {facilities.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name} · {f.city}
          </option>
        ))}
      </SelectField>
      <SelectField label="Time zone" name="timeZone" defaultValue={values.timeZone} errors={errors.timeZone}>
        {timeZones.map((tz) => (
          <option key={tz}>{tz}</option>
        ))}
      </SelectField>
      <TextAreaField label="Short bio" name="bio" rows={3} maxLength={1000} defaultValue={values.bio} errors={errors.bio} />
      <SubmitButton pendingLabel="Sending…">Edit and re-apply</SubmitButton>
    </form>
  );
}
