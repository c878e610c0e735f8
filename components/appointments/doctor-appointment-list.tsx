import { EmptyState } from "@/components/ui/card";
import type { AppointmentDto } from "@/lib/appointments/dtos";
import { DoctorAppointmentActions, type DoctorReturnTo } from "./doctor-appointment-actions";
import { StatusBadge } from "./status-badge";
import { formatDayTime, formatLongDay, formatTime, localDayKey } from "./time-format";

interface Props {
  appointments: AppointmentDto[];
  /** The doctor's own zone: every time on the doctor's pages reads in it. */
  timeZone: string;
  now: Date;
  returnTo: DoctorReturnTo;
  reasonMaxLength: number;
  /** Show the date on every row (lists spanning days without day headings). */
  withDate?: boolean;
  empty: { title: string; body?: string };
  label: string;
}

function AppointmentRow({ appointment, timeZone, now, returnTo, reasonMaxLength, withDate }: Omit<Props, "appointments" | "empty" | "label"> & { appointment: AppointmentDto }) {
  const started = appointment.startsAt <= now;
  const ended = appointment.endsAt <= now;
  const when = `${withDate ? `${formatDayTime(appointment.startsAt, timeZone)}` : formatTime(appointment.startsAt, timeZone)}–${formatTime(appointment.endsAt, timeZone)}`;
  return (
    <li className={`grid gap-3 py-4 sm:items-start ${withDate ? "sm:grid-cols-[12rem_minmax(0,1fr)_auto]" : "sm:grid-cols-[8rem_minmax(0,1fr)_auto]"}`}>
      <p className="font-semibold text-slate-900 tabular-nums">
        <time dateTime={appointment.startsAt.toISOString()}>{when}</time>
      </p>
      <div className="min-w-0">
        <p className="font-medium text-slate-900">
          {appointment.patientName} <span className="ml-1 font-mono text-xs font-normal text-slate-600">{appointment.patientPublicId}</span>
        </p>
        <p className="text-sm break-words text-slate-600">{appointment.reason ? `Reason: ${appointment.reason}` : "No reason given"}</p>
        {appointment.status === "CANCELLED" ? (
          <p className="text-sm break-words text-slate-600">
            {appointment.cancelledBy === "DOCTOR" ? "Cancelled by you" : "Cancelled by the patient"}
            {appointment.cancellationReason ? `: ${appointment.cancellationReason}` : "."}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2 sm:justify-end">
        <StatusBadge appointment={appointment} now={now} />
        {appointment.status === "BOOKED" ? (
          <DoctorAppointmentActions
            appointmentId={appointment.id}
            label={`${appointment.patientName}, ${formatDayTime(appointment.startsAt, timeZone)}`}
            started={started}
            ended={ended}
            returnTo={returnTo}
            reasonMaxLength={reasonMaxLength}
          />
        ) : null}
      </div>
    </li>
  );
}

/** The doctor's appointments as rows: time (doctor's zone), patient and public id, reason, status, actions. */
export function DoctorAppointmentList({ appointments, empty, label, ...row }: Props) {
  if (appointments.length === 0) return <EmptyState title={empty.title}>{empty.body}</EmptyState>;
  return (
    <ul aria-label={label} className="divide-y divide-slate-200">
      {appointments.map((appointment) => (
        <AppointmentRow key={appointment.id} appointment={appointment} {...row} />
      ))}
    </ul>
  );
}

/** The same rows under one heading per day of the doctor's calendar. */
export function DoctorAppointmentsByDay({ appointments, empty, label, ...row }: Props) {
  if (appointments.length === 0) return <EmptyState title={empty.title}>{empty.body}</EmptyState>;
  const days = new Map<string, AppointmentDto[]>();
  for (const appointment of appointments) {
    const key = localDayKey(appointment.startsAt, row.timeZone);
    days.set(key, [...(days.get(key) ?? []), appointment]);
  }
  return (
    <div className="space-y-6">
      {[...days.entries()].map(([key, dayAppointments]) => (
        <div key={key}>
          <h3 id={`agenda-${key}`} className="border-b border-slate-200 pb-2 text-sm font-semibold text-slate-800">
            {formatLongDay(dayAppointments[0]!.startsAt, row.timeZone)}
          </h3>
          <ul aria-label={`${label}, ${formatLongDay(dayAppointments[0]!.startsAt, row.timeZone)}`} className="divide-y divide-slate-200">
            {dayAppointments.map((appointment) => (
              <AppointmentRow key={appointment.id} appointment={appointment} {...row} withDate={false} />
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
