import Link from "next/link";
import type { FormState } from "@/components/forms/form-state";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import type { AppointmentDto } from "@/lib/appointments/dtos";
import { CancelAppointmentDialog } from "./cancel-appointment-dialog";
import { LocalTime } from "./local-time";
import { StatusBadge } from "./status-badge";
import { formatRange, zoneCity } from "./time-format";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

function DoctorLocalTime({ appointment }: { appointment: AppointmentDto }) {
  return (
    <p className="text-xs text-slate-500">
      {formatRange(appointment.startsAt, appointment.endsAt, appointment.doctorTimeZone)} in {zoneCity(appointment.doctorTimeZone)} (doctor&apos;s time)
    </p>
  );
}

/** Doctor and time in the patient's zone: the first lines of every appointment row. */
function DoctorAndTime({ appointment }: { appointment: AppointmentDto }) {
  return (
    <>
      <p className="font-semibold text-slate-900">Dr. {appointment.doctorName}</p>
      <p className="text-slate-800">
        <LocalTime startsAt={appointment.startsAt.toISOString()} endsAt={appointment.endsAt.toISOString()} />
      </p>
    </>
  );
}

/** The patient's booked visits, soonest first, with reschedule and cancel. */
export function UpcomingAppointments({ appointments, cancelAction, cutoffMinutes, reasonMaxLength }: { appointments: AppointmentDto[]; cancelAction: Action; cutoffMinutes: number; reasonMaxLength: number }) {
  if (appointments.length === 0) {
    return (
      <EmptyState title="No upcoming appointments">
        <Link href="/patient/doctors" className="font-medium text-brand-700 underline hover:text-brand-900">
          Find a doctor
        </Link>{" "}
        and book a time that suits you.
      </EmptyState>
    );
  }
  return (
    <ul className="divide-y divide-slate-200" aria-label="Upcoming appointments">
      {appointments.map((appointment) => (
        <li key={appointment.id} className="flex flex-wrap items-start justify-between gap-4 py-4">
          <div className="min-w-0 space-y-1">
            <DoctorAndTime appointment={appointment} />
            <DoctorLocalTime appointment={appointment} />
            {appointment.reason ? <p className="text-sm break-words text-slate-600">Reason: {appointment.reason}</p> : null}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <StatusBadge appointment={appointment} />
            <Link href={`/patient/appointments/${appointment.id}/reschedule`} className={buttonClasses("secondary")}>
              Reschedule<span className="sr-only"> the appointment with Dr. {appointment.doctorName}</span>
            </Link>
            <CancelAppointmentDialog
              action={cancelAction}
              hidden={{ appointmentId: appointment.id }}
              context={`the appointment with Dr. ${appointment.doctorName}`}
              description={
                <>
                  Your appointment with Dr. {appointment.doctorName} on <LocalTime startsAt={appointment.startsAt.toISOString()} endsAt={appointment.endsAt.toISOString()} /> will be cancelled and the time offered to
                  other patients. Online cancellation closes {cutoffMinutes} minutes before the start.
                </>
              }
              reason={{ label: "Reason (optional)", hint: `Dr. ${appointment.doctorName} sees this.`, required: false, maxLength: reasonMaxLength }}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Visits that are over or were cancelled, latest first; a cancellation says who cancelled and why. */
export function PastAppointments({ appointments }: { appointments: AppointmentDto[] }) {
  if (appointments.length === 0) return <EmptyState title="No past appointments">Completed, missed and cancelled visits appear here.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-200" aria-label="Past appointments">
      {appointments.map((appointment) => (
        <li key={appointment.id} className="flex flex-wrap items-start justify-between gap-4 py-4">
          <div className="min-w-0 space-y-1">
            <DoctorAndTime appointment={appointment} />
            {appointment.status === "CANCELLED" ? (
              <p className="text-sm break-words text-slate-600">
                {appointment.cancelledBy === "DOCTOR" ? `Cancelled by Dr. ${appointment.doctorName}` : "Cancelled by you"}
                {appointment.cancellationReason ? `: ${appointment.cancellationReason}` : "."}
              </p>
            ) : null}
          </div>
          <StatusBadge appointment={appointment} />
        </li>
      ))}
    </ul>
  );
}
