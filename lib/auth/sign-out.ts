import "server-only";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authorize } from "@/lib/authz/authorize";
import type { Actor } from "@/lib/authz/actor";
import { ok, type Result } from "@/lib/result";
import { signOut } from "./auth";
import { revokeSession } from "./sessions";
import { currentSessionId, ROLE_HOME } from "./current-actor";
import { requestContext } from "./request-context";

/** Where a user lands right after signing in (the session cookie is not readable until the next request). */
export async function homeForCurrentUser(email: string): Promise<string> {
  const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { role: true } });
  return user ? ROLE_HOME[user.role] : "/";
}

export async function logout(actor: Actor | null): Promise<void> {
  await revokeSession(await currentSessionId());
  if (actor) await recordAuditEvent({ actorId: actor.id, actorRole: actor.role, action: "auth.logout", subjectType: "user", subjectId: actor.id, outcome: "ALLOW", ...(await requestContext()) });
  await signOut({ redirect: false });
}

/** Ends every session of this user (all devices) by moving the session version on. */
export async function logoutEverywhere(actor: Actor | null): Promise<Result<null>> {
  const allowed = await authorize(actor, "session.logout_everywhere", { ownerId: actor?.id, type: "user", id: actor?.id }, await requestContext());
  if (!allowed.ok) return allowed;
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: allowed.actor.id }, data: { sessionVersion: { increment: 1 } } });
    await tx.session.updateMany({ where: { userId: allowed.actor.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAuditEvent({ actorId: allowed.actor.id, actorRole: allowed.actor.role, action: "auth.logout_everywhere", subjectType: "user", subjectId: allowed.actor.id, outcome: "ALLOW", ...(await requestContext()) }, tx);
  });
  await signOut({ redirect: false });
  return ok(null);
}
