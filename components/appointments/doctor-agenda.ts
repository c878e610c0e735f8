import type { AppointmentDto } from "@/lib/appointments/dtos";
import { localDayKey } from "./time-format";

export interface DoctorAgenda {
  /** Booked visits not yet over, soonest first (the one in progress included). */
  upcoming: AppointmentDto[];
  /** Visits that have started (in progress or over) with no outcome recorded yet, oldest first. */
  needsOutcome: AppointmentDto[];
  /** Every appointment starting on the doctor's local today, any status. */
  today: AppointmentDto[];
  /** Every appointment starting in the doctor's local calendar week (Monday to Sunday), any status. */
  week: AppointmentDto[];
}

const byStart = (a: AppointmentDto, b: AppointmentDto) => a.startsAt.getTime() - b.startsAt.getTime();

/** ISO weekday (1 = Monday) of a "YYYY-MM-DD" key, and that key moved by `days`: calendar arithmetic without zones. */
const weekdayOf = (key: string) => new Date(`${key}T00:00:00Z`).getUTCDay() || 7;
const shiftKey = (key: string, days: number) => new Date(new Date(`${key}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** Groups the doctor's appointments into the views of the dashboard, by the doctor's own calendar. */
export function doctorAgenda(own: { upcoming: AppointmentDto[]; past: AppointmentDto[] }, timeZone: string, now: Date): DoctorAgenda {
  const all = [...own.upcoming, ...own.past].sort(byStart);
  const todayKey = localDayKey(now, timeZone);
  const monday = shiftKey(todayKey, 1 - weekdayOf(todayKey));
  const sunday = shiftKey(monday, 6);
  return {
    upcoming: own.upcoming,
    needsOutcome: all.filter((a) => a.status === "BOOKED" && a.startsAt <= now),
    today: all.filter((a) => localDayKey(a.startsAt, timeZone) === todayKey),
    week: all.filter((a) => {
      const key = localDayKey(a.startsAt, timeZone);
      return key >= monday && key <= sunday;
    }),
  };
}
