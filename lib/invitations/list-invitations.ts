import "server-only";
import { db } from "@/lib/db/client";
import { authorize } from "@/lib/authz/authorize";
import type { Actor } from "@/lib/authz/actor";
import { ok, type Result } from "@/lib/result";

export interface InvitationDto {
  id: string;
  patientName: string;
  email: string;
  state: "OPEN" | "USED" | "EXPIRED";
  expiresAt: Date;
  createdAt: Date;
}

export interface LinkedPatientDto {
  name: string;
  publicId: string;
  linkedAt: Date;
}

/** The doctor's own invitations (newest first) and the patients linked to them. */
export async function listOwnInvitations(actor: Actor | null): Promise<Result<{ invitations: InvitationDto[]; patients: LinkedPatientDto[] }>> {
  const allowed = await authorize(actor, "invitation.list_own");
  if (!allowed.ok) return allowed;
  const [invitations, links] = await Promise.all([
    db().patientInvitation.findMany({ where: { doctorId: allowed.actor.id }, orderBy: { createdAt: "desc" }, take: 50 }),
    db().doctorPatient.findMany({ where: { doctorId: allowed.actor.id }, orderBy: { createdAt: "desc" }, take: 100, include: { patient: { select: { publicId: true, user: { select: { name: true } } } } } }),
  ]);
  const now = Date.now();
  return ok({
    invitations: invitations.map((i) => ({
      id: i.id,
      patientName: i.patientName,
      email: i.email,
      state: i.usedAt ? "USED" : i.expiresAt.getTime() <= now ? "EXPIRED" : "OPEN",
      expiresAt: i.expiresAt,
      createdAt: i.createdAt,
    })),
    patients: links.map((l) => ({ name: l.patient.user.name, publicId: l.patient.publicId, linkedAt: l.createdAt })),
  });
}
