"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { saveWeeklyRulesAction } from "@/app/doctor/availability/actions";
import { IDLE } from "@/components/forms/form-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import type { WeeklyRuleDto } from "@/lib/availability/dtos";
import { WEEKDAY_NAMES, ruleLabel, ruleOrdinals } from "@/lib/availability/labels";
import { MAX_WEEKLY_RULES } from "@/lib/availability/limits";
import { bufferOptions, controlClasses, slotLengthOptions } from "./controls";

type Field = "weekday" | "start" | "end" | "slotMinutes" | "bufferMinutes";
type Row = { key: string } & Record<Field, string>;

/** A time input cannot show 24:00; the service reads an end of 00:00 as midnight at the end of the day. */
const toRow = (rule: WeeklyRuleDto): Row => ({
  key: rule.id,
  weekday: String(rule.weekday),
  start: rule.start,
  end: rule.end === "24:00" ? "00:00" : rule.end,
  slotMinutes: String(rule.slotMinutes),
  bufferMinutes: String(rule.bufferMinutes),
});

/**
 * Every control is named in full ("Monday rule 1 start"); on narrow screens the rows stack and show a
 * short visible label under the row's title, on wide screens the column headings stand in for them.
 */
function FieldLabel({ htmlFor, name, short }: { htmlFor: string; name: string; short: string }) {
  return (
    <>
      <span aria-hidden="true" className="block text-xs font-medium text-slate-600 sm:hidden">
        {short}
      </span>
      <label htmlFor={htmlFor} className="sr-only">
        {name}
      </label>
    </>
  );
}
const columns = "sm:grid-cols-[minmax(0,1.3fr)_minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_auto]";

/**
 * The doctor's weekly hours as editable rows, saved all at once. Inputs are controlled, so values
 * survive a refused save; errors come back keyed by row position and are pinned to the rows as they
 * were submitted, so removing a row afterwards does not move messages onto its neighbour.
 */
export function WeeklyRulesEditor({ rules, timeZone }: { rules: WeeklyRuleDto[]; timeZone: string }) {
  const [rows, setRows] = useState<Row[]>(() => rules.map(toRow));
  const [submittedKeys, setSubmittedKeys] = useState<string[]>([]);
  const [dirty, setDirty] = useState(false);
  const [state, dispatch, pending] = useActionState(saveWeeklyRulesAction, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  const newRows = useRef(0);

  useEffect(() => {
    if (state.status === "error") formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);

  const errorsByRow = new Map<string, Partial<Record<Field | "row", string[]>>>();
  for (const [name, messages] of Object.entries(state.fieldErrors ?? {})) {
    const match = /^rules\.(\d+)(?:\.(\w+))?$/.exec(name);
    const key = match ? submittedKeys[Number(match[1])] : undefined;
    if (!match || !key) continue;
    const errors = errorsByRow.get(key) ?? {};
    errors[(match[2] as Field | undefined) ?? "row"] = messages;
    errorsByRow.set(key, errors);
  }
  const listErrors = state.fieldErrors?.rules;
  const ordinals = ruleOrdinals(rows.map((row) => Number(row.weekday)));

  const update = (key: string, field: Field, value: string) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, [field]: value } : row)));
    setDirty(true);
  };
  const remove = (key: string) => {
    setRows((current) => current.filter((row) => row.key !== key));
    setDirty(true);
  };
  const add = () => {
    const last = rows.at(-1);
    newRows.current += 1;
    const key = `new-${newRows.current}`;
    // The next day with the same hours: the usual way to fill a working week.
    setRows((current) => [
      ...current,
      { key, weekday: last ? String((Number(last.weekday) % 7) + 1) : "1", start: last?.start ?? "09:00", end: last?.end ?? "17:00", slotMinutes: last?.slotMinutes ?? "30", bufferMinutes: last?.bufferMinutes ?? "0" },
    ]);
    setDirty(true);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    // Dispatched by hand rather than through `action`, which would reset the form after saving.
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    setSubmittedKeys(rows.map((row) => row.key));
    setDirty(false);
    startTransition(() => dispatch(formData));
  };

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-4" noValidate aria-describedby="weekly-rules-zone">
      <p id="weekly-rules-zone" className="text-sm text-slate-600">
        Times are in your time zone, <span className="font-medium text-slate-800">{timeZone}</span>. An end of 00:00 means midnight at the end of the day.
      </p>
      {state.status === "error" ? (
        <Alert tone="error" title={state.message}>
          {listErrors?.length ? listErrors.join(" ") : state.fieldErrors ? "The problems are shown next to each rule." : null}
        </Alert>
      ) : null}
      {state.status === "success" && !dirty ? <Alert tone="success">{state.message}</Alert> : null}

      {rows.length === 0 ? (
        <EmptyState title="No weekly hours yet: patients can't book you until you add some.">Add hours for each day you see patients, then save.</EmptyState>
      ) : (
        <div>
          <div aria-hidden="true" className={`hidden gap-3 px-3 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500 sm:grid ${columns}`}>
            <span>Day</span>
            <span>Start</span>
            <span>End</span>
            <span>Slot length</span>
            <span>Buffer</span>
            <span className="w-20" />
          </div>
          <ul className="space-y-2" aria-label="Weekly rules">
            {rows.map((row, index) => {
              const label = ruleLabel(Number(row.weekday), ordinals[index] ?? 1);
              const errors = errorsByRow.get(row.key) ?? {};
              const messages = Object.values(errors).flat();
              const errorId = `rule-${row.key}-errors`;
              const control = (field: Field) => ({
                id: `rule-${row.key}-${field}`,
                name: `rules.${index}.${field}`,
                value: row[field],
                "aria-invalid": errors[field]?.length ? true : undefined,
                "aria-describedby": messages.length ? errorId : undefined,
                className: controlClasses(Boolean(errors[field]?.length)),
              });
              return (
                <li key={row.key} className={`rounded-lg border p-3 ${messages.length ? "border-red-200 bg-red-50/50" : "border-slate-200 bg-slate-50/60"}`}>
                  <p aria-hidden="true" className="mb-2 text-sm font-semibold text-slate-800 sm:hidden">
                    {label}
                  </p>
                  <div className={`grid grid-cols-2 items-end gap-3 ${columns}`}>
                    <div className="col-span-2 space-y-1 sm:col-span-1">
                      <FieldLabel htmlFor={`rule-${row.key}-weekday`} name={`${label} day`} short="Day" />
                      <select {...control("weekday")} onChange={(e) => update(row.key, "weekday", e.target.value)}>
                        {WEEKDAY_NAMES.map((name, i) => (
                          <option key={name} value={String(i + 1)}>
                            {name}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="space-y-1">
                      <FieldLabel htmlFor={`rule-${row.key}-start`} name={`${label} start`} short="Start" />
                      <input type="time" required {...control("start")} onChange={(e) => update(row.key, "start", e.target.value)} />
                    </div>
                    <div className="space-y-1">
                      <FieldLabel htmlFor={`rule-${row.key}-end`} name={`${label} end`} short="End" />
                      <input type="time" required {...control("end")} onChange={(e) => update(row.key, "end", e.target.value)} />
                    </div>
                    <div className="space-y-1">
                      <FieldLabel htmlFor={`rule-${row.key}-slotMinutes`} name={`${label} slot length`} short="Slot length" />
                      <select {...control("slotMinutes")} onChange={(e) => update(row.key, "slotMinutes", e.target.value)}>
                        {slotLengthOptions(row.slotMinutes).map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="space-y-1">
                      <FieldLabel htmlFor={`rule-${row.key}-bufferMinutes`} name={`${label} buffer`} short="Buffer" />
                      <select {...control("bufferMinutes")} onChange={(e) => update(row.key, "bufferMinutes", e.target.value)}>
                        {bufferOptions(row.bufferMinutes).map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </div>
                    <Button type="button" variant="ghost" className="col-span-2 w-full sm:col-span-1 sm:w-20" aria-label={`Remove ${label}`} onClick={() => remove(row.key)}>
                      Remove
                    </Button>
                  </div>
                  {messages.length ? (
                    <ul id={errorId} className="mt-2 space-y-0.5 text-sm text-red-700">
                      {messages.map((message, i) => (
                        <li key={`${i}-${message}`}>{message}</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" onClick={add} disabled={rows.length >= MAX_WEEKLY_RULES}>
          Add hours
        </Button>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? (
            <>
              <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-current border-r-transparent" />
              Saving…
            </>
          ) : (
            "Save weekly hours"
          )}
        </Button>
        {rows.length >= MAX_WEEKLY_RULES ? <p className="text-sm text-slate-600">You have reached the limit of {MAX_WEEKLY_RULES} rules.</p> : null}
        {dirty ? <p className="text-sm text-amber-800">Unsaved changes</p> : null}
      </div>
    </form>
  );
}
