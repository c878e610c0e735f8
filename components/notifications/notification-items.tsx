"use client";

import { LocalTime } from "@/components/appointments/local-time";

export interface NotificationItem {
  id: string;
  text: string;
  read: boolean;
  createdAt: string;
  appointmentStartsAt: string | null;
}

/** Notifications, newest first; unread ones marked with a dot and the words "Unread" for screen readers. */
export function NotificationItems({ items }: { items: NotificationItem[] }) {
  return (
    <ul className="divide-y divide-slate-200">
      {items.map((item) => (
        <li key={item.id} className="flex gap-3 py-3">
          <span aria-hidden="true" className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${item.read ? "bg-transparent" : "bg-brand-600"}`} />
          <div className="min-w-0 text-sm">
            <p className={item.read ? "text-slate-700" : "font-semibold text-slate-900"}>
              {item.read ? null : <span className="sr-only">Unread: </span>}
              {item.text}
            </p>
            {item.appointmentStartsAt ? (
              <p className="text-slate-600">
                Appointment: <LocalTime startsAt={item.appointmentStartsAt} />
              </p>
            ) : null}
            <p className="text-xs text-slate-500">
              Received <LocalTime startsAt={item.createdAt} />
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
