import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/authz/actor";

/**
 * The user as an actor, fresh from Postgres; null when they may no longer act (inactive account,
 * suspended doctor). Sessions and personal access tokens both resolve through here.
 */
export async function actorForUser(userId: string): Promise<Actor | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, status: true, sessionVersion: true, totpEnabledAt: true, doctorProfile: { select: { verification: true } } },
  });
  if (!user || user.status !== "ACTIVE") return null;
  const verification = user.doctorProfile?.verification ?? null;
  // A suspended doctor's sessions and tokens end at once, like a suspended account's.
  if (verification === "SUSPENDED") return null;
  return { id: user.id, role: user.role, status: user.status, verification, mfaEnabled: user.totpEnabledAt !== null, sessionVersion: user.sessionVersion };
}
