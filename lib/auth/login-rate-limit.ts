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

export function loginKeys(email: string, ip: string | null) {
  return { accountKey: key("account", email.trim().toLowerCase()), ipKey: key("ip", ip ?? "unknown") };
}

/** Minutes until the caller may try again, or 0 when not limited. */
export async function loginRetryAfterMinutes(keys: { accountKey: string; ipKey: string }): Promise<number> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const [account, ip] = await Promise.all([
    db().loginFailure.findMany({ where: { accountKey: keys.accountKey, at: { gt: since } }, orderBy: { at: "asc" }, select: { at: true } }),
    db().loginFailure.findMany({ where: { ipKey: keys.ipKey, at: { gt: since } }, orderBy: { at: "asc" }, select: { at: true } }),
  ]);
  const blockedUntil = (rows: { at: Date }[], limit: number) => (rows.length >= limit ? rows[rows.length - limit]!.at.getTime() + LOGIN_WINDOW_MS : 0);
  const until = Math.max(blockedUntil(account, MAX_FAILURES_PER_ACCOUNT), blockedUntil(ip, MAX_FAILURES_PER_IP));
  return until > Date.now() ? Math.ceil((until - Date.now()) / 60_000) : 0;
}

export async function recordLoginFailure(keys: { accountKey: string; ipKey: string }): Promise<void> {
  await db().loginFailure.create({ data: keys });
}
