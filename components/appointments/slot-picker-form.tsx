"use client";

import { useActionState, useEffect, useMemo, useRef, useState } from "react";
import { IDLE, type FormState } from "@/components/forms/form-state";
import { SubmitButton } from "@/components/forms/submit-button";
import { Alert } from "@/components/ui/alert";
import { TextAreaField } from "@/components/ui/field";
import { formatDayTime, formatLongDay, formatRange, formatTime, localDayKey, zoneCity } from "./time-format";
import { useViewerTimeZone } from "./viewer-time-zone";

export interface SlotOption {
  startsAt: string;
  endsAt: string;
}

interface Props {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  slots: SlotOption[];
  doctorName: string;
  doctorTimeZone: string;
  /** Ids the action needs (doctorId or appointmentId); the service checks them again. */
  hidden: Record<string, string>;
  /** Booking asks for a reason and sends an idempotency key; rescheduling keeps both from the original. */
  booking?: { reasonMaxLength: number };
  submitLabel: string;
  pendingLabel: string;
}

/** One slot travels as an ISO 8601 interval, "start/end", so the pair can't be split by a stale form. */
const slotValue = (slot: SlotOption) => `${slot.startsAt}/${slot.endsAt}`;

/** A random v4 UUID; randomUUID needs a secure context, getRandomValues does not. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The doctor's free slots grouped by day in the viewer's time zone (the browser's), each with the
 * doctor's own wall-clock time underneath when the zones differ, plus the booking summary and submit.
 * Everything time-related renders in the browser only: the server cannot know the viewer's zone.
 */
export function SlotPickerForm({ action, slots, doctorName, doctorTimeZone, hidden, booking, submitLabel, pendingLabel }: Props) {
  const [state, formAction] = useActionState(action, IDLE);
  const zone = useViewerTimeZone();
  const [selected, setSelected] = useState<string | null>(null);
  const [reason, setReason] = useState(state.values?.reason ?? "");
  const alertRef = useRef<HTMLDivElement>(null);

  // After a refusal the submit button was disabled, which drops focus: bring it to the message.
  useEffect(() => {
    if (state.status === "error") alertRef.current?.focus();
  }, [state]);

  // A refreshed list may no longer hold the chosen slot (it was just taken): then nothing is chosen.
  const chosen = slots.find((slot) => slotValue(slot) === selected) ?? null;
  const slotErrors = state.fieldErrors?.slot ?? state.fieldErrors?.startsAt ?? state.fieldErrors?.endsAt;

  return (
    <form action={formAction} className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <fieldset className="min-w-0 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" aria-describedby="slot-zone-note">
        <legend className="sr-only">Available times</legend>
        <div className="mb-5">
          <h2 className="text-lg font-semibold text-slate-900">Choose a time</h2>
          <p id="slot-zone-note" className="mt-1 text-sm text-slate-600">
            {zone ? (
              <>
                Times are shown in your time zone, <strong className="font-medium text-slate-800">{zone}</strong>.
                {zone !== doctorTimeZone ? ` The small line under each time is Dr. ${doctorName}'s local time in ${zoneCity(doctorTimeZone)}.` : null}
              </>
            ) : (
              "Loading times in your time zone…"
            )}
          </p>
        </div>
        {slotErrors ? (
          <p id="slot-error" className="mb-4 text-sm text-red-700">
            {slotErrors.join(" ")}
          </p>
        ) : null}
        {zone ? <SlotDays slots={slots} zone={zone} doctorTimeZone={doctorTimeZone} selected={chosen ? slotValue(chosen) : null} onSelect={setSelected} /> : <SlotSkeleton />}
      </fieldset>

      <section aria-labelledby="booking-summary-title" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm lg:sticky lg:top-6">
        <h2 id="booking-summary-title" className="text-lg font-semibold text-slate-900">
          Your appointment
        </h2>
        <dl className="mt-4 space-y-3 text-sm">
          <div>
            <dt className="text-slate-500">Doctor</dt>
            <dd className="font-medium text-slate-900">Dr. {doctorName}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Time</dt>
            <dd className="font-medium text-slate-900" data-testid="chosen-slot" aria-live="polite">
              {chosen && zone ? formatRange(new Date(chosen.startsAt), new Date(chosen.endsAt), zone) : "No time chosen yet"}
            </dd>
            {chosen && zone && zone !== doctorTimeZone ? (
              <dd className="text-xs text-slate-500">
                {formatRange(new Date(chosen.startsAt), new Date(chosen.endsAt), doctorTimeZone)} in {zoneCity(doctorTimeZone)}
              </dd>
            ) : null}
          </div>
        </dl>
        <div className="mt-5 space-y-5">
          {state.status === "error" ? (
            <div ref={alertRef} tabIndex={-1} className="focus:outline-none">
              <Alert tone="error">{state.message}</Alert>
            </div>
          ) : null}
          {booking ? (
            <>
              <TextAreaField
                label="Reason for the visit (optional)"
                name="reason"
                rows={4}
                maxLength={booking.reasonMaxLength}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                hint={`${reason.length}/${booking.reasonMaxLength} characters. Only Dr. ${doctorName} sees this.`}
                errors={state.fieldErrors?.reason}
              />
              <IdempotencyKey />
            </>
          ) : null}
          <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
        </div>
      </section>
    </form>
  );
}

/** Created once per form in the browser and kept across re-renders, so a double submit books once. */
function IdempotencyKey() {
  const [key] = useState(newIdempotencyKey);
  return <input type="hidden" name="idempotencyKey" value={key} />;
}

function SlotDays({ slots, zone, doctorTimeZone, selected, onSelect }: { slots: SlotOption[]; zone: string; doctorTimeZone: string; selected: string | null; onSelect: (value: string) => void }) {
  const days = useMemo(() => {
    const groups = new Map<string, SlotOption[]>();
    for (const slot of slots) {
      const key = localDayKey(new Date(slot.startsAt), zone);
      groups.set(key, [...(groups.get(key) ?? []), slot]);
    }
    return [...groups.entries()];
  }, [slots, zone]);
  const showDoctorTime = zone !== doctorTimeZone;

  return (
    <div className="space-y-6">
      {days.map(([key, daySlots]) => {
        const headingId = `day-${key}`;
        return (
          <div key={key} role="group" aria-labelledby={headingId}>
            <h3 id={headingId} className="mb-2 text-sm font-semibold text-slate-800">
              {formatLongDay(new Date(daySlots[0]!.startsAt), zone)}
            </h3>
            <ul className="grid grid-cols-[repeat(auto-fill,minmax(6.5rem,1fr))] gap-2">
              {daySlots.map((slot) => {
                const value = slotValue(slot);
                const start = new Date(slot.startsAt);
                const doctorTimeId = `doctor-time-${slot.startsAt}`;
                return (
                  <li key={value}>
                    <label className="relative block">
                      <input
                        type="radio"
                        name="slot"
                        value={value}
                        checked={selected === value}
                        onChange={() => onSelect(value)}
                        aria-label={formatDayTime(start, zone)}
                        aria-describedby={showDoctorTime ? doctorTimeId : undefined}
                        className="peer absolute inset-0 z-10 h-full w-full cursor-pointer appearance-none rounded-lg opacity-0"
                      />
                      <span className="flex flex-col items-center rounded-lg border border-slate-300 bg-white px-2 py-2 text-center shadow-sm transition-colors peer-hover:border-brand-600 peer-[:hover:not(:checked)]:bg-brand-50 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600 peer-checked:border-brand-700 peer-checked:bg-brand-700 peer-checked:text-white">
                        <span className="text-sm font-semibold tabular-nums">{formatTime(start, zone)}</span>
                        {showDoctorTime ? (
                          <span id={doctorTimeId} className="text-xs tabular-nums opacity-80">
                            <span className="sr-only">Doctor&apos;s time: </span>
                            {localDayKey(start, doctorTimeZone) === key ? formatTime(start, doctorTimeZone) : formatDayTime(start, doctorTimeZone)} {zoneCity(doctorTimeZone)}
                          </span>
                        ) : null}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </div>
  );
}

function SlotSkeleton() {
  return (
    <div aria-hidden="true" className="space-y-6">
      {[0, 1, 2].map((row) => (
        <div key={row} className="space-y-2">
          <div className="h-4 w-40 animate-pulse rounded bg-slate-200" />
          <div className="grid grid-cols-[repeat(auto-fill,minmax(6.5rem,1fr))] gap-2">
            {[0, 1, 2, 3, 4, 5].map((cell) => (
              <div key={cell} className="h-12 animate-pulse rounded-lg bg-slate-100" />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
