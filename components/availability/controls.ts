import { BUFFER_CHOICES, SLOT_LENGTH_CHOICES } from "@/lib/availability/limits";

/** Shared looks for the availability forms' own inputs (the rows of the weekly editor are not TextFields). */
export const controlClasses = (invalid: boolean) =>
  `block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:outline-2 focus:outline-brand-600 ${invalid ? "border-red-500" : "border-slate-300"}`;

/** The offered choices, plus the current value when it was stored outside them (the services accept any value in range). */
function choicesWith(choices: readonly number[], current: string): number[] {
  const value = Number(current);
  return current !== "" && Number.isInteger(value) && !choices.includes(value) ? [...choices, value].sort((a, b) => a - b) : [...choices];
}

export const slotLengthOptions = (current: string) => choicesWith(SLOT_LENGTH_CHOICES, current).map((minutes) => ({ value: String(minutes), label: `${minutes} min` }));
export const bufferOptions = (current: string) => choicesWith(BUFFER_CHOICES, current).map((minutes) => ({ value: String(minutes), label: minutes === 0 ? "No buffer" : `${minutes} min` }));
