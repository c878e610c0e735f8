import "server-only";
import type { Actor } from "@/lib/authz/actor";
import { doctorAccess, type Permission } from "./doctor-access";

/**
 * The permission a doctor holds right now over this patient's records (or one document), for the
 * `grant` field of an authorization resource. Patients and admins never hold grants.
 */
export async function grantPermissionFor(actor: Actor | null, patientId: string | undefined, documentId?: string): Promise<Permission | null> {
  if (!actor || actor.role !== "DOCTOR" || !patientId) return null;
  return (await doctorAccess(actor.id, patientId, { documentId }))?.permission ?? null;
}
