import "server-only";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { ok, type Result } from "@/lib/result";

export interface ShareOptionsDto {
  /** The patient's stored documents, newest first (what a grant can name). */
  documents: { id: string; title: string }[];
  /** Verified doctors the patient has seen or is linked with, by name. */
  doctors: { id: string; name: string; specialty: string }[];
  /** When the options were read: the date limits of the form count from here. */
  now: Date;
}

/** What the patient can choose from when sharing or approving: their documents and their doctors. */
export async function getShareOptions(actor: Actor | null, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<ShareOptionsDto>> {
  const auth = await authorize(actor, "grant.create", { ownerId: actor?.id, type: "grant" }, context);
  if (!auth.ok) return auth;
  const patientId = auth.actor.id;
  const [documents, doctors] = await Promise.all([
    db().document.findMany({ where: { ownerId: patientId, state: "STORED" }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: 500, select: { id: true, title: true } }),
    db().doctorProfile.findMany({
      where: { verification: "VERIFIED", user: { status: "ACTIVE" }, OR: [{ appointments: { some: { patientId } } }, { patients: { some: { patientId } } }, { accessGrants: { some: { patientId } } }] },
      orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
      select: { userId: true, specialty: true, user: { select: { name: true } } },
    }),
  ]);
  return ok({ now: new Date(), documents, doctors: doctors.map((d) => ({ id: d.userId, name: d.user.name, specialty: d.specialty })) });
}
