import "server-only";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { serverEnv } from "@/lib/env";
import type { Actor } from "@/lib/authz/actor";
import type { Role, UserStatus, VerificationState } from "@/lib/db/generated/client";
import { actorFromUser, type ActorFields } from "./actor-for-user";

/** lastSeenAt is written at most this often per session, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

export async function openSession(userId: string, sessionVersion: number): Promise<string> {
  const session = await db().session.create({ data: { userId, sessionVersion }, select: { id: true } });
  return session.id;
}

export interface LiveSession {
  userId: string;
  /** The session's user as they may act now (null: suspended or inactive), read in the same query. */
  actor: Actor | null;
}

/**
 * The session named by a cookie, if it may still be used: not revoked, issued under the user's current
 * session version, and not idle for longer than SESSION_IDLE_MINUTES. Using it counts as activity.
 * The user's actor fields come in the same query: this runs on every request.
 */
export async function liveSession(sessionId: string | undefined): Promise<LiveSession | null> {
  if (!sessionId || !/^[0-9a-f-]{36}$/.test(sessionId)) return null;
  const session = await sessionWithUser(sessionId);
  if (!session || session.revokedAt || session.sessionVersion !== session.user.sessionVersion) return null;
  const idleMs = Date.now() - session.lastSeenAt.getTime();
  if (idleMs > serverEnv().sessionIdleMinutes * 60_000) return null;
  if (idleMs > TOUCH_INTERVAL_MS) await db().session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date() } });
  return { userId: session.userId, actor: actorFromUser(session.user) };
}

interface SessionUserRow {
  userId: string;
  sessionVersion: number;
  lastSeenAt: Date;
  revokedAt: Date | null;
  role: Role;
  status: UserStatus;
  userSessionVersion: number;
  totpEnabledAt: Date | null;
  verification: VerificationState | null;
}

/**
 * The session, its user and the doctor's verification in one round trip: Prisma without its
 * relationJoins preview would send a query per table, and this runs on every signed-in request (plain
 * SQL, see lib/db/sql.ts).
 */
async function sessionWithUser(sessionId: string): Promise<{ userId: string; sessionVersion: number; lastSeenAt: Date; revokedAt: Date | null; user: ActorFields } | null> {
  const [row] = await sql.query<SessionUserRow>(
    `SELECT s.user_id AS "userId", s.session_version AS "sessionVersion", s.last_seen_at AS "lastSeenAt", s.revoked_at AS "revokedAt",
           u.role, u.status, u.session_version AS "userSessionVersion", u.totp_enabled_at AS "totpEnabledAt", d.verification
    FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN doctor_profiles d ON d.user_id = u.id
    WHERE s.id = $1::uuid`,
    [sessionId],
  );
  if (!row) return null;
  const user: ActorFields = {
    id: row.userId,
    role: row.role,
    status: row.status,
    sessionVersion: row.userSessionVersion,
    totpEnabledAt: row.totpEnabledAt,
    doctorProfile: row.verification ? { verification: row.verification } : null,
  };
  return { userId: row.userId, sessionVersion: row.sessionVersion, lastSeenAt: row.lastSeenAt, revokedAt: row.revokedAt, user };
}

export async function revokeSession(sessionId: string | undefined): Promise<void> {
  if (!sessionId) return;
  await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
