"use client";

import { formatDayTime, formatRange } from "./time-format";
import { useViewerTimeZone } from "./viewer-time-zone";

/** An instant (or a range) in the viewer's own time zone; a placeholder until the browser zone is known. */
export function LocalTime({ startsAt, endsAt, className }: { startsAt: string; endsAt?: string; className?: string }) {
  const zone = useViewerTimeZone();
  const start = new Date(startsAt);
  return (
    <time dateTime={startsAt} className={className}>
      {zone ? (endsAt ? formatRange(start, new Date(endsAt), zone) : formatDayTime(start, zone)) : <>
          <span aria-hidden="true" className="inline-block h-4 w-32 animate-pulse rounded bg-slate-200 align-middle" />
          <span className="sr-only">Loading time</span>
        </>}
    </time>
  );
}

/** "Times are in Europe/Berlin, your time zone." */
export function ViewerZoneNote({ prefix = "Times are shown in your time zone" }: { prefix?: string }) {
  const zone = useViewerTimeZone();
  return <>{zone ? `${prefix}, ${zone}.` : `${prefix}.`}</>;
}
