import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";

/**
 * Failed logins counted in Postgres (so every app instance shares the count) over a sliding window.
 * Per account: 5 per 15 minutes. Per IP: 20 per 15 minutes, higher because a clinic's staff can share
 * one address. Keys are hashes: the table holds no emails or IP addresses.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

const key = (kind: string, value: string) => createHash("sha256").update(`${kind}:${value}`).digest("hex");

/** Without a known address there is no per-IP bucket: one shared "unknown" bucket would lock everyone out. */
export function loginKeys(email: string, ip: string | null) {
  return { accountKey: key("account", email.trim().toLowerCase()), ipKey: ip ? key("ip", ip) : "" };
}

type Client = Pick<ReturnType<typeof db>, "loginFailure">;

/** Minutes until the caller may try again, or 0 when not limited. */
export async function loginRetryAfterMinutes(keys: { accountKey: string; ipKey: string }, client: Client = db()): Promise<number> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const [account, ip] = await Promise.all([
    client.loginFailure.findMany({ where: { accountKey: keys.accountKey, at: { gt: since } }, orderBy: { at: "asc" }, select: { at: true } }),
    keys.ipKey ? client.loginFailure.findMany({ where: { ipKey: keys.ipKey, at: { gt: since } }, orderBy: { at: "asc" }, select: { at: true } }) : Promise.resolve([]),
  ]);
  const blockedUntil = (rows: { at: Date }[], limit: number) => (rows.length >= limit ? rows[rows.length - limit]!.at.getTime() + LOGIN_WINDOW_MS : 0);
  const until = Math.max(blockedUntil(account, MAX_FAILURES_PER_ACCOUNT), blockedUntil(ip, MAX_FAILURES_PER_IP));
  return until > Date.now() ? Math.ceil((until - Date.now()) / 60_000) : 0;
}

export async function recordLoginFailure(keys: { accountKey: string; ipKey: string }): Promise<void> {
  await db().loginFailure.create({ data: keys });
}

const LOGIN_ATTEMPT_LOCK = 7_130_002;

/**
 * Counts an attempt before the password is checked, under per-account and per-IP locks, so a burst of
 * parallel guesses cannot all pass the limit before any failure is recorded. Either the minutes to wait
 * (nothing recorded), or the id of a provisional failure that `settleLoginAttempt` removes on success.
 */
export async function beginLoginAttempt(keys: { accountKey: string; ipKey: string }): Promise<{ retryAfterMinutes: number } | { attemptId: bigint }> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOGIN_ATTEMPT_LOCK}::int, hashtext(${keys.accountKey}))`;
    if (keys.ipKey) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOGIN_ATTEMPT_LOCK}::int, hashtext(${keys.ipKey}))`;
    const retryAfterMinutes = await loginRetryAfterMinutes(keys, tx);
    if (retryAfterMinutes > 0) return { retryAfterMinutes };
    const { id } = await tx.loginFailure.create({ data: keys, select: { id: true } });
    return { attemptId: id };
  });
}

/** The attempt did not fail after all: it no longer counts against the limits. */
export async function settleLoginAttempt(attemptId: bigint): Promise<void> {
  await db().loginFailure.deleteMany({ where: { id: attemptId } });
}
