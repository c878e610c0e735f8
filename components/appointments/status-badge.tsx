import type { AppointmentDto } from "@/lib/appointments/dtos";

const tones = {
  brand: "bg-brand-50 text-brand-700 ring-brand-600/30",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  amber: "bg-amber-50 text-amber-900 ring-amber-300",
  red: "bg-red-50 text-red-800 ring-red-300",
  neutral: "bg-slate-100 text-slate-700 ring-slate-300",
} as const;

/** What an appointment's status means to a person: a booked visit whose time has passed awaits its outcome. */
export function statusLabel(appointment: Pick<AppointmentDto, "status" | "startsAt" | "endsAt">, now = new Date()): { label: string; tone: keyof typeof tones } {
  switch (appointment.status) {
    case "COMPLETED":
      return { label: "Completed", tone: "green" };
    case "NO_SHOW":
      return { label: "No-show", tone: "amber" };
    case "CANCELLED":
      return { label: "Cancelled", tone: "red" };
    case "BOOKED":
      if (appointment.endsAt <= now) return { label: "Awaiting outcome", tone: "amber" };
      if (appointment.startsAt <= now) return { label: "In progress", tone: "brand" };
      return { label: "Booked", tone: "brand" };
  }
}

export function StatusBadge({ appointment, now }: { appointment: Pick<AppointmentDto, "status" | "startsAt" | "endsAt">; now?: Date }) {
  const { label, tone } = statusLabel(appointment, now);
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tones[tone]}`}>{label}</span>;
}
