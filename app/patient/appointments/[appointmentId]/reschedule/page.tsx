import type { Metadata } from "next";
import Link from "next/link";
import { rescheduleAppointmentAction } from "@/app/patient/actions";
import { LocalTime } from "@/components/appointments/local-time";
import { SlotPickerForm } from "@/components/appointments/slot-picker-form";
import { formatRange, zoneCity } from "@/components/appointments/time-format";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState, PageHeading } from "@/components/ui/card";
import { getAppointment } from "@/lib/appointments/get-appointment";
import { listFreeSlots } from "@/lib/appointments/list-slots";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";

export const metadata: Metadata = { title: "Reschedule an appointment" };

const BOOKING_WINDOW_DAYS = 14;

export default async function RescheduleAppointmentPage({ params }: { params: Promise<{ appointmentId: string }> }) {
  await requireRole("PATIENT");
  const { appointmentId } = await params;
  const actor = await currentActor();
  const context = await requestContext();
  const back = (
    <Link href="/patient" className={buttonClasses("secondary")}>
      Back to your dashboard
    </Link>
  );
  const appointment = await getAppointment(actor, { appointmentId }, context);
  if (!appointment.ok || appointment.value.status !== "BOOKED") {
    return (
      <>
        <PageHeading title="Reschedule an appointment" actions={back} />
        <Alert tone="error">{appointment.ok ? "This appointment is no longer booked, so it cannot be moved." : appointment.error.message}</Alert>
      </>
    );
  }
  const current = appointment.value;
  const slots = await listFreeSlots(actor, { doctorId: current.doctorId, days: BOOKING_WINDOW_DAYS }, context);
  return (
    <>
      <PageHeading
        title={`Reschedule with Dr. ${current.doctorName}`}
        description={
          <>
            Currently booked for <LocalTime startsAt={current.startsAt.toISOString()} endsAt={current.endsAt.toISOString()} className="font-medium text-slate-800" /> (
            {formatRange(current.startsAt, current.endsAt, current.doctorTimeZone)} in {zoneCity(current.doctorTimeZone)}, the doctor&apos;s time). Your current time is kept until the new one is
            confirmed.
          </>
        }
        actions={back}
      />
      {!slots.ok ? (
        <Alert tone="error">{slots.error.message}</Alert>
      ) : slots.value.slots.length === 0 ? (
        <EmptyState title={`Dr. ${current.doctorName} has no other free times in the next ${BOOKING_WINDOW_DAYS} days`}>Your current appointment stays as it is.</EmptyState>
      ) : (
        <SlotPickerForm
          action={rescheduleAppointmentAction}
          slots={slots.value.slots.map((slot) => ({ startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() }))}
          doctorName={current.doctorName}
          doctorTimeZone={current.doctorTimeZone}
          hidden={{ appointmentId: current.id }}
          submitLabel="Move appointment"
          pendingLabel="Moving…"
        />
      )}
    </>
  );
}
