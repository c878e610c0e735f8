"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import { addExceptionAction } from "@/app/doctor/availability/actions";
import { IDLE } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { SelectField, TextField } from "@/components/ui/field";
import { EXCEPTION_MAX_DAYS_AHEAD, NOTE_MAX_LENGTH } from "@/lib/availability/limits";
import { bufferOptions, slotLengthOptions } from "./controls";

type Kind = "DAY_OFF" | "EXTRA_HOURS";

const daysAfter = (key: string, days: number) => new Date(Date.parse(`${key}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Adds a day off or extra hours on one date; the times appear only for extra hours. */
export function ExceptionForm({ today }: { today: string }) {
  const [state, formAction] = useActionState(addExceptionAction, IDLE);
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const errors = state.fieldErrors ?? {};
  const [kind, setKind] = useState<Kind>("DAY_OFF");
  const [seenState, setSeenState] = useState(state);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();

  // The form resets after each submit: follow it, back to "Day off" after success, to what was sent after an error.
  if (seenState !== state) {
    setSeenState(state);
    setKind(state.status === "error" && state.values?.kind === "EXTRA_HOURS" ? "EXTRA_HOURS" : "DAY_OFF");
  }

  useEffect(() => {
    if (state.status === "error") formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);

  // The whole card is clickable; the radio is named by its title alone and described by the hint.
  const radio = (value: Kind, label: string, hint: string) => (
    <label className={`flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2.5 text-sm ${kind === value ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white"}`}>
      <input
        type="radio"
        name="kind"
        value={value}
        defaultChecked={(values.kind || "DAY_OFF") === value}
        onChange={() => setKind(value)}
        aria-labelledby={`${id}-${value}-label`}
        aria-describedby={`${id}-${value}-hint`}
        className="mt-0.5 accent-brand-600"
      />
      <span>
        <span id={`${id}-${value}-label`} className="block font-medium text-slate-900">
          {label}
        </span>
        <span id={`${id}-${value}-hint`} className="block text-xs text-slate-600">
          {hint}
        </span>
      </span>
    </label>
  );

  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      {state.status === "error" && !state.fieldErrors ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      <TextField label="Date" name="date" id="exception-date" type="date" required min={today} max={daysAfter(today, EXCEPTION_MAX_DAYS_AHEAD)} defaultValue={values.date ?? ""} errors={errors.date} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Kind</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {radio("DAY_OFF", "Day off", "No weekly hours on this date.")}
          {radio("EXTRA_HOURS", "Extra hours", "Bookable time besides your weekly hours.")}
        </div>
        {errors.kind ? <p className="text-sm text-red-700">{errors.kind.join(" ")}</p> : null}
      </fieldset>
      {kind === "EXTRA_HOURS" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="From" name="start" id="exception-start" type="time" required defaultValue={values.start || "09:00"} errors={errors.start} />
          <TextField label="Until" name="end" id="exception-end" type="time" required defaultValue={values.end || "12:00"} errors={errors.end} />
          <SelectField label="Length of slots" name="slotMinutes" id="exception-slot" defaultValue={values.slotMinutes || "30"} errors={errors.slotMinutes}>
            {slotLengthOptions(values.slotMinutes ?? "").map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </SelectField>
          <SelectField label="Buffer between slots" name="bufferMinutes" id="exception-buffer" defaultValue={values.bufferMinutes || "0"} errors={errors.bufferMinutes}>
            {bufferOptions(values.bufferMinutes ?? "").map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}
      <TextField label="Note (optional)" name="note" id="exception-note" maxLength={NOTE_MAX_LENGTH} defaultValue={values.note ?? ""} errors={errors.note} hint="Only you see it, e.g. “Conference”." />
      <SubmitButton pendingLabel="Adding…">Add exception</SubmitButton>
    </form>
  );
}
