import "server-only";
import { db } from "@/lib/db/client";
import { authorize } from "@/lib/authz/authorize";
import type { Actor } from "@/lib/authz/actor";
import { ok, type Result } from "@/lib/result";

export interface NotificationDto {
  id: string;
  kind: string;
  /** Composed at read time: names and times stay in Postgres, never copied into a message body. */
  text: string;
  appointmentStartsAt: Date | null;
  read: boolean;
  createdAt: Date;
}

const texts: Record<string, (who: string) => string> = {
  "appointment.booked": (who) => `${who} booked an appointment`,
  "appointment.cancelled": (who) => `${who} cancelled an appointment`,
  "appointment.rescheduled": (who) => `${who} moved an appointment`,
  "grant.requested": (who) => `${who} asked for access to your records`,
  "grant.created": (who) => `${who} shared records with you`,
  "grant.approved": (who) => `${who} approved your access request`,
  "grant.denied": (who) => `${who} declined your access request`,
  "grant.revoked": (who) => `${who} revoked your access to their records`,
  "integrity.alert": () => "Integrity alert: a stored document no longer matches its fingerprint (see the audit trail)",
};

/** The bell: the actor's latest notifications and how many are unread. */
export async function listNotifications(actor: Actor | null): Promise<Result<{ unread: number; items: NotificationDto[] }>> {
  const allowed = await authorize(actor, "notification.read_own");
  if (!allowed.ok) return allowed;
  const userId = allowed.actor.id;
  const [unread, rows] = await Promise.all([
    db().notification.count({ where: { userId, readAt: null } }),
    db().notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: 20 }),
  ]);
  const appointments = await db().appointment.findMany({
    where: { id: { in: rows.map((r) => r.appointmentId).filter((id): id is string => id !== null) } },
    select: { id: true, startsAt: true, doctorId: true, cancelledById: true, patient: { select: { user: { select: { name: true } } } }, doctor: { select: { user: { select: { name: true } } } } },
  });
  const byId = new Map(appointments.map((a) => [a.id, a]));
  const grants = await db().accessGrant.findMany({
    where: { id: { in: rows.map((r) => r.grantId).filter((id): id is string => id !== null) } },
    select: { id: true, doctorId: true, patient: { select: { user: { select: { name: true } } } }, doctor: { select: { user: { select: { name: true } } } } },
  });
  const grantsById = new Map(grants.map((g) => [g.id, g]));
  return ok({
    unread,
    items: rows.map((row) => {
      const appointment = row.appointmentId ? byId.get(row.appointmentId) : undefined;
      const grant = row.grantId ? grantsById.get(row.grantId) : undefined;
      const about = appointment ?? grant;
      const otherSide = about ? (about.doctorId === userId ? about.patient.user.name : `Dr. ${about.doctor.user.name}`) : "Someone";
      return { id: row.id, kind: row.kind, text: (texts[row.kind] ?? (() => row.kind))(otherSide), appointmentStartsAt: appointment?.startsAt ?? null, read: row.readAt !== null, createdAt: row.createdAt };
    }),
  });
}

export async function markNotificationsRead(actor: Actor | null): Promise<Result<null>> {
  const allowed = await authorize(actor, "notification.read_own");
  if (!allowed.ok) return allowed;
  await db().notification.updateMany({ where: { userId: allowed.actor.id, readAt: null }, data: { readAt: new Date() } });
  return ok(null);
}
