import { z } from "zod";
import { fail, ok, type Result } from "@/lib/result";

/**
 * A FHIR date search value with an optional prefix (`ge2026-01-01`, `lt2026-02-01T10:00:00Z`). Dates
 * without a time mean the whole UTC day: `ge` takes its start, `le`/`lt`/`eq` its end or start as
 * the comparison needs.
 */
export interface DateBound {
  after?: Date;
  before?: Date;
}

const DATE_VALUE = /^(eq|ge|gt|le|lt)?(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?)$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export function parseDateBounds(values: string[], name = "date"): Result<DateBound> {
  const bound: DateBound = {};
  for (const value of values) {
    const match = DATE_VALUE.exec(value);
    const start = match ? new Date(match[3] ? match[2]! : `${match[2]}T00:00:00Z`) : null;
    if (!match || !start || Number.isNaN(start.getTime())) return fail("VALIDATION", `${name} must look like 2026-12-01 or ge2026-12-01T09:00:00Z.`);
    const end = match[3] ? start : new Date(start.getTime() + DAY_MS);
    const prefix = match[1] ?? "eq";
    if (prefix === "ge") bound.after = start;
    if (prefix === "gt") bound.after = end;
    if (prefix === "lt") bound.before = start;
    if (prefix === "le") bound.before = end;
    if (prefix === "eq") {
      bound.after = start;
      bound.before = end;
    }
  }
  return ok(bound);
}

/** `Practitioner/<id>`, `<id>` or a full URL ending in either: the id, if it is a UUID. */
export function referenceId(value: string, type: string): string | null {
  const id = value.replace(/^.*\//, "");
  const typed = value.includes("/") ? value.split("/").slice(-2, -1)[0] === type : true;
  return typed && z.uuid().safeParse(id).success ? id : null;
}

/** Token values may be `system|code` or `code`; we match on the code. */
export function tokenCode(value: string): string {
  return value.includes("|") ? value.slice(value.lastIndexOf("|") + 1) : value;
}
