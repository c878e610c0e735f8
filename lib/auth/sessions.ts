import "server-only";
import { db } from "@/lib/db/client";
import { serverEnv } from "@/lib/env";

/** lastSeenAt is written at most this often per session, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

export async function openSession(userId: string, sessionVersion: number): Promise<string> {
  const session = await db().session.create({ data: { userId, sessionVersion }, select: { id: true } });
  return session.id;
}

export interface LiveSession {
  userId: string;
}

/**
 * The session named by a cookie, if it may still be used: not revoked, issued under the user's current
 * session version, and not idle for longer than SESSION_IDLE_MINUTES. Using it counts as activity.
 */
export async function liveSession(sessionId: string | undefined): Promise<LiveSession | null> {
  if (!sessionId || !/^[0-9a-f-]{36}$/.test(sessionId)) return null;
  const session = await db().session.findUnique({ where: { id: sessionId }, include: { user: { select: { sessionVersion: true } } } });
  if (!session || session.revokedAt || session.sessionVersion !== session.user.sessionVersion) return null;
  const idleMs = Date.now() - session.lastSeenAt.getTime();
  if (idleMs > serverEnv().sessionIdleMinutes * 60_000) return null;
  if (idleMs > TOUCH_INTERVAL_MS) await db().session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date() } });
  return { userId: session.userId };
}

export async function revokeSession(sessionId: string | undefined): Promise<void> {
  if (!sessionId) return;
  await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
