import type { Metadata } from "next";
import Link from "next/link";
import { doctorAgenda } from "@/components/appointments/doctor-agenda";
import { DoctorAppointmentList, DoctorAppointmentsByDay } from "@/components/appointments/doctor-appointment-list";
import { DOCTOR_NOTICES } from "@/components/appointments/doctor-notices";
import { FilterTabs } from "@/components/admin/filter-tabs";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeading } from "@/components/ui/card";
import { listOwnAppointments } from "@/lib/appointments/list-appointments";
import { REASON_MAX_LENGTH } from "@/lib/appointments/schemas";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { getOwnApplication } from "@/lib/doctor-application/own-application";

export const metadata: Metadata = { title: "Appointments" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const VIEWS = {
  today: { label: "Today", href: "/doctor/appointments" },
  week: { label: "This week", href: "/doctor/appointments?view=week" },
  upcoming: { label: "All upcoming", href: "/doctor/appointments?view=upcoming" },
} as const;
type View = keyof typeof VIEWS;

export default async function DoctorAppointmentsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole("DOCTOR");
  const actor = await currentActor();
  const params = await searchParams;
  const view: View = params.view === "week" || params.view === "upcoming" ? params.view : "today";
  const [application, appointments] = await Promise.all([getOwnApplication(actor), listOwnAppointments(actor, { pastLimit: 200 })]);
  const back = (
    <Link href="/doctor" className={buttonClasses("secondary")}>
      Back to the dashboard
    </Link>
  );
  const problem = !application.ok
    ? application.error.message
    : application.value.verification !== "VERIFIED"
      ? "Appointments open once an administrator has verified your license."
      : !appointments.ok
        ? appointments.error.message
        : null;
  if (problem || !application.ok || !appointments.ok) {
    return (
      <>
        <PageHeading title="Appointments" actions={back} />
        <Alert tone="error">{problem}</Alert>
      </>
    );
  }
  const timeZone = application.value.timeZone;
  const now = new Date();
  const agenda = doctorAgenda(appointments.value, timeZone, now);
  const notice = typeof params.notice === "string" ? DOCTOR_NOTICES[params.notice] : undefined;
  const common = { timeZone, now, returnTo: view, reasonMaxLength: REASON_MAX_LENGTH } as const;
  return (
    <>
      <PageHeading title="Appointments" description={`All times in ${timeZone}, your practice's time zone.`} actions={back} />
      <div className="space-y-6">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {agenda.needsOutcome.length > 0 ? (
          <Card title="Needs an outcome" description="These visits have started. Record how each one went.">
            <DoctorAppointmentList appointments={agenda.needsOutcome} label="Visits awaiting an outcome" withDate empty={{ title: "Nothing to record" }} {...common} />
          </Card>
        ) : null}
        <Card>
          <FilterTabs label="Appointment views" tabs={(Object.keys(VIEWS) as View[]).map((key) => ({ label: VIEWS[key].label, href: VIEWS[key].href, current: key === view }))} />
          {view === "today" ? (
            <>
              <h2 className="mb-2 text-lg font-semibold text-slate-900">Today</h2>
              <DoctorAppointmentList appointments={agenda.today} label="Today's appointments" empty={{ title: "No appointments today", body: "Booked visits for today appear here." }} {...common} />
            </>
          ) : view === "week" ? (
            <>
              <h2 className="mb-4 text-lg font-semibold text-slate-900">This week</h2>
              <DoctorAppointmentsByDay appointments={agenda.week} label="This week's appointments" empty={{ title: "No appointments this week" }} {...common} />
            </>
          ) : (
            <>
              <h2 className="mb-4 text-lg font-semibold text-slate-900">All upcoming</h2>
              <DoctorAppointmentsByDay appointments={agenda.upcoming} label="Upcoming appointments" empty={{ title: "No upcoming appointments", body: "Patients book from your free slots." }} {...common} />
            </>
          )}
        </Card>
      </div>
    </>
  );
}
