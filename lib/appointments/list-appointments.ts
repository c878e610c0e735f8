import "server-only";
import { db } from "@/lib/db/client";
import { authorize } from "@/lib/authz/authorize";
import type { Actor } from "@/lib/authz/actor";
import { ok, type Result } from "@/lib/result";
import { appointmentInclude, toAppointmentDto, type AppointmentDto } from "./dtos";

export interface OwnAppointmentsDto {
  upcoming: AppointmentDto[];
  past: AppointmentDto[];
}

/** The actor's own appointments (as patient or as doctor): upcoming soonest first, past latest first. */
export async function listOwnAppointments(actor: Actor | null, options: { pastLimit?: number } = {}): Promise<Result<OwnAppointmentsDto>> {
  const allowed = await authorize(actor, "appointment.list_own");
  if (!allowed.ok) return allowed;
  const mine = allowed.actor.role === "DOCTOR" ? { doctorId: allowed.actor.id } : { patientId: allowed.actor.id };
  const now = new Date();
  const [upcoming, past] = await Promise.all([
    db().appointment.findMany({ where: { ...mine, endsAt: { gt: now }, status: { in: ["BOOKED"] } }, orderBy: { startsAt: "asc" }, take: 200, include: appointmentInclude }),
    db().appointment.findMany({
      // Rescheduled originals are replaced by their new appointment. Spelled with an explicit null case:
      // NOT (reason = 'Rescheduled') is not true for a NULL reason in SQL, which would hide completed visits.
      where: {
        ...mine,
        AND: [{ OR: [{ endsAt: { lte: now } }, { status: { not: "BOOKED" } }] }, { OR: [{ cancellationReason: null }, { cancellationReason: { not: "Rescheduled" } }] }],
      },
      orderBy: { startsAt: "desc" },
      take: options.pastLimit ?? 50,
      include: appointmentInclude,
    }),
  ]);
  return ok({ upcoming: upcoming.map(toAppointmentDto), past: past.map(toAppointmentDto) });
}
