import type { Metadata } from "next";
import Link from "next/link";
import { BookingSettingsForm } from "@/components/availability/booking-settings-form";
import { ExceptionForm } from "@/components/availability/exception-form";
import { ExceptionList } from "@/components/availability/exception-list";
import { SlotPreview } from "@/components/availability/slot-preview";
import { WeeklyRulesEditor } from "@/components/availability/weekly-rules-editor";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { getOwnAvailability } from "@/lib/availability/get-own-availability";
import { previewSlots } from "@/lib/availability/preview-slots";

export const metadata: Metadata = { title: "Availability" };

const backLink = (
  <Link href="/doctor" className={buttonClasses("secondary")}>
    Back to dashboard
  </Link>
);

function describeSettings(minNoticeMinutes: number, horizonDays: number): string {
  const notice = minNoticeMinutes === 0 ? "no minimum notice" : minNoticeMinutes % 60 === 0 ? `${minNoticeMinutes / 60} h notice` : `${minNoticeMinutes} min notice`;
  return `Patients can book with ${notice}, up to ${horizonDays} ${horizonDays === 1 ? "day" : "days"} ahead.`;
}

export default async function AvailabilityPage() {
  const actor = await requireRole("DOCTOR");
  // Comfort only: the services refuse unverified doctors themselves.
  if (actor.verification !== "VERIFIED") {
    return (
      <>
        <PageHeading title="Availability" actions={backLink} />
        <Alert tone="info" title="Available once you are verified">
          You can set your weekly hours, days off and booking settings after an administrator has verified your license.
        </Alert>
      </>
    );
  }

  const context = await requestContext();
  const [availability, preview] = await Promise.all([getOwnAvailability(actor, context), previewSlots(actor, { days: 7 }, context)]);
  if (!availability.ok) {
    return (
      <>
        <PageHeading title="Availability" actions={backLink} />
        <Alert tone="error">{availability.error.message}</Alert>
      </>
    );
  }
  const { timeZone, today, rules, exceptions, minNoticeMinutes, horizonDays } = availability.value;

  return (
    <>
      <PageHeading title="Availability" description={`When patients can book you. All times are in your time zone, ${timeZone}.`} actions={backLink} />
      <div className="space-y-6">
        <Card title="Weekly hours" description="Each rule is cut into slots of the chosen length, with the buffer between them. Rules on the same day may touch but not overlap.">
          <WeeklyRulesEditor rules={rules} timeZone={timeZone} />
        </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Days off and extra hours" description="Changes for single dates, up to a year ahead.">
            <div className="space-y-6">
              <ExceptionList exceptions={exceptions} />
              <div className="border-t border-slate-200 pt-5">
                <h3 className="mb-3 text-base font-semibold text-slate-900">Add an exception</h3>
                <ExceptionForm today={today} />
              </div>
            </div>
          </Card>
          <Card title="Booking settings" description={describeSettings(minNoticeMinutes, horizonDays)}>
            <BookingSettingsForm minNoticeMinutes={minNoticeMinutes} horizonDays={horizonDays} />
          </Card>
        </div>
        <Card title="What patients see" description="Your free slots for the next 7 days, after notice, horizon, exceptions and booked appointments.">
          {preview.ok ? <SlotPreview preview={preview.value} /> : <Alert tone="error">{preview.error.message}</Alert>}
        </Card>
      </div>
    </>
  );
}
