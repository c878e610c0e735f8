"use client";

import { useActionState, useEffect, useRef } from "react";
import { updateBookingSettingsAction } from "@/app/doctor/availability/actions";
import { IDLE } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { HORIZON_DAYS, MIN_NOTICE_MINUTES } from "@/lib/availability/limits";

/** Hours with at most two decimals: 120 → "2", 90 → "1.5". */
const hoursOf = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);

/** Minimum notice (in hours) and booking horizon (in days) for new bookings. */
export function BookingSettingsForm({ minNoticeMinutes, horizonDays }: { minNoticeMinutes: number; horizonDays: number }) {
  const [state, formAction] = useActionState(updateBookingSettingsAction, IDLE);
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const errors = state.fieldErrors ?? {};
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state.status === "error") formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);

  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      {state.status === "error" && !state.fieldErrors ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Minimum notice (hours)"
          name="minNoticeHours"
          id="min-notice-hours"
          type="number"
          inputMode="decimal"
          min={0}
          max={MIN_NOTICE_MINUTES.max / 60}
          step={0.5}
          required
          defaultValue={values.minNoticeHours ?? hoursOf(minNoticeMinutes)}
          errors={errors.minNoticeHours}
          hint="Patients can't book a slot starting sooner than this. Up to 168 hours (7 days)."
        />
        <TextField
          label="Booking horizon (days)"
          name="horizonDays"
          id="horizon-days"
          type="number"
          inputMode="numeric"
          min={HORIZON_DAYS.min}
          max={HORIZON_DAYS.max}
          step={1}
          required
          defaultValue={values.horizonDays ?? String(horizonDays)}
          errors={errors.horizonDays}
          hint={`How far ahead patients can book: ${HORIZON_DAYS.min} to ${HORIZON_DAYS.max} days.`}
        />
      </div>
      <SubmitButton pendingLabel="Saving…">Save booking settings</SubmitButton>
    </form>
  );
}
