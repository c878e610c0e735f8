"use server";

import { revalidatePath } from "next/cache";
import { errorState, type FormState } from "@/components/forms/form-state";
import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { addException } from "@/lib/availability/add-exception";
import { formatDateKey } from "@/lib/availability/labels";
import { removeException } from "@/lib/availability/remove-exception";
import { replaceWeeklyRules } from "@/lib/availability/replace-weekly-rules";
import { updateBookingSettings } from "@/lib/availability/update-booking-settings";
import { outageAsResult } from "@/lib/outages/outage";

const PAGE = "/doctor/availability";
const RULE_FIELDS = ["weekday", "start", "end", "slotMinutes", "bufferMinutes"] as const;
const EXCEPTION_FIELDS = ["date", "kind", "start", "end", "slotMinutes", "bufferMinutes", "note"] as const;

const text = (formData: FormData, name: string) => String(formData.get(name) ?? "");

/** The editor names its inputs `rules.<row>.<field>`, matching the keys of the service's field errors. */
function rulesFrom(formData: FormData) {
  const rows = [...new Set([...formData.keys()].flatMap((key) => /^rules\.(\d+)\.weekday$/.exec(key)?.[1] ?? []))].map(Number).sort((a, b) => a - b);
  return rows.map((row) => Object.fromEntries(RULE_FIELDS.map((field) => [field, text(formData, `rules.${row}.${field}`)])));
}

export async function saveWeeklyRulesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await outageAsResult(async () => replaceWeeklyRules(await currentActor(), { rules: rulesFrom(formData) }, await requestContext()));
  if (!result.ok) return errorState(result.error);
  revalidatePath(PAGE);
  const count = result.value.length;
  return {
    status: "success",
    message: count ? `Weekly hours saved: ${count} ${count === 1 ? "rule" : "rules"}.` : "Weekly hours cleared. Patients can't book you until you add some.",
  };
}

export async function addExceptionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = Object.fromEntries(EXCEPTION_FIELDS.map((field) => [field, text(formData, field)]));
  const result = await outageAsResult(async () => addException(await currentActor(), values, await requestContext()));
  if (!result.ok) return errorState(result.error, values);
  revalidatePath(PAGE);
  const what = result.value.kind === "DAY_OFF" ? "Day off" : `Extra hours ${result.value.start}–${result.value.end}`;
  return { status: "success", message: `${what} added on ${formatDateKey(result.value.date)}.` };
}

export async function removeExceptionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await outageAsResult(async () => removeException(await currentActor(), { exceptionId: text(formData, "exceptionId") }, await requestContext()));
  if (!result.ok) return errorState(result.error);
  revalidatePath(PAGE);
  return { status: "success", message: "Exception removed." };
}

/** The form asks for the notice in hours (what doctors think in); the service stores minutes. */
export async function updateBookingSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { minNoticeHours: text(formData, "minNoticeHours"), horizonDays: text(formData, "horizonDays") };
  const hours = values.minNoticeHours.trim() === "" ? Number.NaN : Number(values.minNoticeHours);
  const minNoticeMinutes = Number.isFinite(hours) ? Math.round(hours * 60) : values.minNoticeHours;
  const result = await outageAsResult(async () => updateBookingSettings(await currentActor(), { minNoticeMinutes, horizonDays: values.horizonDays }, await requestContext()));
  if (!result.ok) {
    const state = errorState(result.error, values);
    const { minNoticeMinutes: noticeErrors, ...otherErrors } = state.fieldErrors ?? {};
    return noticeErrors ? { ...state, fieldErrors: { ...otherErrors, minNoticeHours: ["Enter a minimum notice between 0 and 168 hours (7 days)."] } } : state;
  }
  revalidatePath(PAGE);
  return { status: "success", message: "Booking settings saved." };
}
