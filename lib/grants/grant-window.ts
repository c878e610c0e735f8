/** Pure rules for when a grant is open. Access is allowed while notBefore <= now < notAfter. */

export const MAX_GRANT_DAYS = 365;
export const REQUEST_MAX_DAYS = 90;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface GrantWindow {
  notBefore: Date;
  notAfter: Date;
}

/**
 * The window a grant gets when it becomes active: from now until the visit's end plus the grace period
 * (the seeds' "access ends after the visit"), or for a number of days, or until a chosen date.
 */
export function windowFrom(now: Date, until: { visitEndsAt: Date; graceHours: number } | { days: number } | { notAfter: Date }): GrantWindow {
  if ("visitEndsAt" in until) return { notBefore: now, notAfter: new Date(until.visitEndsAt.getTime() + until.graceHours * HOUR_MS) };
  if ("days" in until) return { notBefore: now, notAfter: new Date(now.getTime() + until.days * DAY_MS) };
  return { notBefore: now, notAfter: until.notAfter };
}

export function isOpenAt(window: { notBefore: Date | null; notAfter: Date | null }, now: Date): boolean {
  return !!window.notBefore && !!window.notAfter && window.notBefore.getTime() <= now.getTime() && now.getTime() < window.notAfter.getTime();
}

export type GrantStateValue = "REQUESTED" | "ACTIVE" | "DENIED" | "REVOKED" | "EXPIRED";

/** What users see: an ACTIVE row whose window has passed is expired even before the worker marks it. */
export function displayedState(grant: { state: GrantStateValue; notAfter: Date | null }, now: Date): GrantStateValue {
  if (grant.state === "ACTIVE" && grant.notAfter && grant.notAfter.getTime() <= now.getTime()) return "EXPIRED";
  return grant.state;
}
