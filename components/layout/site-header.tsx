import Link from "next/link";
import { logoutAction } from "@/app/account/actions";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { currentActor } from "@/lib/auth/current-actor";
import type { Actor } from "@/lib/authz/actor";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { orOnOutage } from "@/lib/outages/outage";

const ROLE_NAV: Record<Actor["role"], { href: string; label: string }[]> = {
  PATIENT: [
    { href: "/patient", label: "Dashboard" },
    { href: "/patient/doctors", label: "Find a doctor" },
    { href: "/patient/documents", label: "Documents" },
    { href: "/patient/sharing", label: "Sharing" },
    { href: "/patient/access-log", label: "Access log" },
    { href: "/patient/ledger", label: "Ledger" },
  ],
  DOCTOR: [
    { href: "/doctor", label: "Dashboard" },
    { href: "/doctor/appointments", label: "Appointments" },
    { href: "/doctor/patients", label: "Patients" },
  ],
  ADMIN: [
    { href: "/admin", label: "Overview" },
    { href: "/admin/doctors", label: "Doctors" },
    { href: "/admin/facilities", label: "Facilities" },
    { href: "/admin/users", label: "Users" },
    { href: "/admin/audit", label: "Audit" },
    { href: "/admin/anchors", label: "Anchoring" },
  ],
};

export async function SiteHeader() {
  // While Postgres is down the header shows no user rather than taking the page's error notice down with it.
  const actor = await orOnOutage(currentActor, () => null);
  const nav = actor ? ROLE_NAV[actor.role] : [];
  const notifications = actor ? await listNotifications(actor) : null;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-brand-900">
          <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-sm font-bold text-white">
            M
          </span>
          MedAnchor
        </Link>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm font-medium text-slate-600">
          {nav.map((item) => (
            <Link key={item.href} href={item.href} className="hover:text-slate-900">
              {item.label}
            </Link>
          ))}
          {actor ? (
            <>
              {notifications?.ok ? (
                <NotificationBell
                  unread={notifications.value.unread}
                  items={notifications.value.items.map((item) => ({
                    id: item.id,
                    text: item.text,
                    read: item.read,
                    createdAt: item.createdAt.toISOString(),
                    appointmentStartsAt: item.appointmentStartsAt?.toISOString() ?? null,
                  }))}
                />
              ) : null}
              <Link href="/account" className="hover:text-slate-900">
                Account
              </Link>
              <form action={logoutAction}>
                <button type="submit" className="rounded-lg border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <>
              <Link href="/status" className="hover:text-slate-900">
                Status
              </Link>
              <Link href="/login" className="hover:text-slate-900">
                Sign in
              </Link>
              <Link href="/register" className="rounded-lg bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700">
                Register
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
