import type { SlotPreviewDto } from "@/lib/availability/dtos";
import { formatDayHeading } from "@/lib/availability/labels";

/** The next days' free slots as patients will see them, one column per day, in the doctor's zone. */
export function SlotPreview({ preview }: { preview: SlotPreviewDto }) {
  const total = preview.days.reduce((sum, day) => sum + day.slots.length, 0);
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Times shown in <span className="font-medium text-slate-800">{preview.timeZone}</span>.{" "}
        {total === 0 ? "No free slots in these days." : `${total} free ${total === 1 ? "slot" : "slots"} in the next ${preview.days.length} days.`}
      </p>
      <ol className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-7">
        {preview.days.map((day, index) => (
          <li key={day.date} className="rounded-lg border border-slate-200 bg-slate-50/60 p-3">
            <h3 className="text-sm font-semibold text-slate-900">
              {index === 0 ? "Today, " : index === 1 ? "Tomorrow, " : ""}
              {formatDayHeading(day.date)}
            </h3>
            {day.slots.length ? (
              <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={`Free slots on ${formatDayHeading(day.date)}`}>
                {day.slots.map((slot) => (
                  <li key={slot.startsAt.toISOString()} className="rounded-md border border-brand-100 bg-white px-2 py-0.5 font-mono text-xs text-brand-900">
                    <time dateTime={slot.startsAt.toISOString()}>{slot.start}</time>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-2 text-xs text-slate-500">{day.dayOff ? "Day off" : "No free slots"}</p>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
