import { EmptyState } from "@/components/ui/card";
import type { AvailabilityExceptionDto } from "@/lib/availability/dtos";
import { formatDateKey } from "@/lib/availability/labels";
import { RemoveExceptionButton } from "./remove-exception-button";

function describe(exception: AvailabilityExceptionDto): string {
  if (exception.kind === "DAY_OFF") return "Day off";
  const end = exception.end === "24:00" ? "midnight" : exception.end;
  const buffer = exception.bufferMinutes ? `, ${exception.bufferMinutes}-min buffer` : "";
  return `Extra hours ${exception.start}–${end} · ${exception.slotMinutes}-min slots${buffer}`;
}

/** Upcoming days off and extra hours, soonest first, each with its own remove button. */
export function ExceptionList({ exceptions }: { exceptions: AvailabilityExceptionDto[] }) {
  if (exceptions.length === 0) return <EmptyState title="No upcoming exceptions">Add a day off for holidays, or extra hours for a one-off clinic.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-200" aria-label="Upcoming exceptions">
      {exceptions.map((exception) => {
        const date = formatDateKey(exception.date);
        const what = describe(exception);
        return (
          <li key={exception.id} className="flex items-start justify-between gap-4 py-3">
            <div className="min-w-0">
              <p className="font-medium text-slate-900">{date}</p>
              <p className="mt-0.5 flex flex-wrap items-center gap-2 text-sm text-slate-600">
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${exception.kind === "DAY_OFF" ? "bg-amber-100 text-amber-900" : "bg-brand-100 text-brand-900"}`}>{what}</span>
                {exception.note ? <span className="break-words">{exception.note}</span> : null}
              </p>
            </div>
            <RemoveExceptionButton exceptionId={exception.id} label={`${exception.kind === "DAY_OFF" ? "day off" : "extra hours"} on ${date}`} />
          </li>
        );
      })}
    </ul>
  );
}
