import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/authz/actor";
import type { Prisma } from "@/lib/db/generated/client";

/**
 * The user as an actor, fresh from Postgres; null when they may no longer act (inactive account,
 * suspended doctor). Sessions and personal access tokens both resolve through here.
 */
export async function actorForUser(userId: string): Promise<Actor | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: ACTOR_FIELDS });
  return user ? actorFromUser(user) : null;
}

/** What an actor is built from; selected with the session when a cookie is checked (lib/auth/sessions.ts). */
export const ACTOR_FIELDS = { id: true, role: true, status: true, sessionVersion: true, totpEnabledAt: true, doctorProfile: { select: { verification: true } } } as const;

export type ActorFields = Prisma.UserGetPayload<{ select: typeof ACTOR_FIELDS }>;

/** The one rule for who may act: an active account, and for doctors not a suspended one. */
export function actorFromUser(user: ActorFields): Actor | null {
  if (user.status !== "ACTIVE") return null;
  const verification = user.doctorProfile?.verification ?? null;
  // A suspended doctor's sessions and tokens end at once, like a suspended account's.
  if (verification === "SUSPENDED") return null;
  return { id: user.id, role: user.role, status: user.status, verification, mfaEnabled: user.totpEnabledAt !== null, sessionVersion: user.sessionVersion };
}
