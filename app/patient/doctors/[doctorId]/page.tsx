import type { Metadata } from "next";
import Link from "next/link";
import { bookAppointmentAction } from "@/app/patient/actions";
import { SlotPickerForm } from "@/components/appointments/slot-picker-form";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState, PageHeading } from "@/components/ui/card";
import { listFreeSlots } from "@/lib/appointments/list-slots";
import { REASON_MAX_LENGTH } from "@/lib/appointments/schemas";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";

export const metadata: Metadata = { title: "Book an appointment" };

const BOOKING_WINDOW_DAYS = 14;

export default async function DoctorSlotsPage({ params }: { params: Promise<{ doctorId: string }> }) {
  await requireRole("PATIENT");
  const { doctorId } = await params;
  const result = await listFreeSlots(await currentActor(), { doctorId, days: BOOKING_WINDOW_DAYS }, await requestContext());
  const back = (
    <Link href="/patient/doctors" className={buttonClasses("secondary")}>
      Back to the doctor list
    </Link>
  );
  if (!result.ok) {
    return (
      <>
        <PageHeading title="Book an appointment" actions={back} />
        <Alert tone="error">{result.error.message}</Alert>
      </>
    );
  }
  const { doctorName, doctorTimeZone, slots } = result.value;
  return (
    <>
      <PageHeading
        title={`Book with Dr. ${doctorName}`}
        description={
          <>
            Free times for the next {BOOKING_WINDOW_DAYS} days. Dr. {doctorName} works in {doctorTimeZone}.
          </>
        }
        actions={back}
      />
      {slots.length === 0 ? (
        <EmptyState title={`Dr. ${doctorName} has no free times in the next ${BOOKING_WINDOW_DAYS} days`}>Please check again later or choose another doctor.</EmptyState>
      ) : (
        <SlotPickerForm
          action={bookAppointmentAction}
          slots={slots.map((slot) => ({ startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() }))}
          doctorName={doctorName}
          doctorTimeZone={doctorTimeZone}
          hidden={{ doctorId }}
          booking={{ reasonMaxLength: REASON_MAX_LENGTH }}
          submitLabel="Book appointment"
          pendingLabel="Booking…"
        />
      )}
    </>
  );
}
