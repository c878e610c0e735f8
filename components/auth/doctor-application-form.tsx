"use client";

import { useActionState, useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};
import { applyAsDoctorAction } from "@/app/(public)/register/actions";
import { IDLE } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { AccountFields } from "./account-fields";

interface Props {
  facilities: { id: string; name: string; city: string }[];
  specialties: string[];
  jurisdictions: { code: string; label: string; example: string }[];
  timeZones: string[];
}

export function DoctorApplicationForm({ facilities, specialties, jurisdictions, timeZones }: Props) {
  const [state, formAction] = useActionState(applyAsDoctorAction, IDLE);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  // The server renders in its own zone; the applicant's zone is known only in the browser, after mount.
  const browserZone = useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => "",
  );
  const [chosenZone, setChosenZone] = useState<string | undefined>(undefined);
  const zone = chosenZone ?? values.timeZone ?? (timeZones.includes(browserZone) ? browserZone : "");
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.status === "error" ? <Alert tone="error">{state.message}</Alert> : null}
      <AccountFields state={state} />
      <fieldset className="space-y-5 border-t border-slate-200 pt-5">
        <legend className="text-base font-semibold text-slate-900">Practice and license</legend>
        <SelectField label="Specialty" name="specialty" required defaultValue={values.specialty ?? ""} errors={errors.specialty}>
          <option value="" disabled>
            Choose a specialty
          </option>
          {specialties.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </SelectField>
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField label="Licensing jurisdiction" name="licenseJurisdiction" required defaultValue={values.licenseJurisdiction ?? ""} errors={errors.licenseJurisdiction}>
            <option value="" disabled>
              Choose a jurisdiction
            </option>
            {jurisdictions.map((j) => (
              <option key={j.code} value={j.code}>
                {j.label}
              </option>
            ))}
          </SelectField>
          <TextField label="License number" name="licenseNumber" required defaultValue={values.licenseNumber} errors={errors.licenseNumber} hint={`Formats: ${jurisdictions.map((j) => `${j.code} ${j.example}`).join(", ")}`} />
        </div>
        <TextField label="License valid until (optional)" name="licenseValidUntil" type="date" defaultValue={values.licenseValidUntil} errors={errors.licenseValidUntil} hint="Your verification is recorded on chain until this day (at most a year, then it is renewed)." />
        <SelectField label="Facility" name="facilityId" required defaultValue={values.facilityId ?? ""} errors={errors.facilityId}>
          <option value="" disabled>
            {facilities.length ? "Choose your facility" : "No facilities registered yet"}
          </option>
          {facilities.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name} · {f.city}
            </option>
          ))}
        </SelectField>
        <SelectField label="Time zone" name="timeZone" required value={zone} onChange={(e) => setChosenZone(e.target.value)} errors={errors.timeZone} hint="Your availability is set in this time zone.">
          <option value="" disabled>
            Choose your time zone
          </option>
          {timeZones.map((tz) => (
            <option key={tz}>{tz}</option>
          ))}
        </SelectField>
        <TextAreaField label="Short bio (optional)" name="bio" rows={3} maxLength={1000} defaultValue={values.bio} errors={errors.bio} />
      </fieldset>
      <SubmitButton pendingLabel="Submitting your application…">Submit application</SubmitButton>
    </form>
  );
}
