import { Card, EmptyState } from "@/components/ui/card";
import type { AppointmentDto } from "@/lib/appointments/dtos";
import { DoctorAppointmentActions, type DoctorReturnTo } from "./doctor-appointment-actions";
import { StatusBadge } from "./status-badge";
import { formatDayTime, formatLongDay, formatTime, localDayKey } from "./time-format";

function untilStart(startsAt: Date, now: Date): string {
  const minutes = Math.round((startsAt.getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return "in progress";
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `in ${hours} h ${minutes % 60} min`;
  return `in ${Math.round(hours / 24)} days`;
}

/** The doctor's next (or current) visit, with the patient's public id and reason, and its actions. */
export function NextPatientCard({ appointment, timeZone, now, returnTo, reasonMaxLength }: { appointment: AppointmentDto | null; timeZone: string; now: Date; returnTo: DoctorReturnTo; reasonMaxLength: number }) {
  if (!appointment) {
    return (
      <Card title="Next patient">
        <EmptyState title="No visits booked">When a patient books one of your slots, they appear here.</EmptyState>
      </Card>
    );
  }
  const today = localDayKey(appointment.startsAt, timeZone) === localDayKey(now, timeZone);
  return (
    <Card title="Next patient" actions={<StatusBadge appointment={appointment} now={now} />}>
      <div data-testid="next-patient" className="space-y-4">
        <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
          <p className="text-2xl font-semibold text-slate-900">{appointment.patientName}</p>
          <p className="font-mono text-sm text-slate-600">{appointment.patientPublicId}</p>
        </div>
        <p className="text-slate-800">
          <time dateTime={appointment.startsAt.toISOString()} className="font-medium">
            {today ? `Today, ${formatTime(appointment.startsAt, timeZone)}` : formatDayTime(appointment.startsAt, timeZone)}–{formatTime(appointment.endsAt, timeZone)}
          </time>{" "}
          <span className="text-slate-600">({untilStart(appointment.startsAt, now)})</span>
          <span className="sr-only">, {formatLongDay(appointment.startsAt, timeZone)}</span>
        </p>
        <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm break-words text-slate-700">{appointment.reason ? appointment.reason : "No reason given."}</p>
        <DoctorAppointmentActions
          appointmentId={appointment.id}
          label={`${appointment.patientName}, ${formatDayTime(appointment.startsAt, timeZone)}`}
          started={appointment.startsAt <= now}
          ended={appointment.endsAt <= now}
          returnTo={returnTo}
          reasonMaxLength={reasonMaxLength}
        />
      </div>
    </Card>
  );
}
