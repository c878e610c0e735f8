import "server-only";
import { loginKeys, loginRetryAfterMinutes, recordLoginFailure } from "@/lib/auth/login-rate-limit";
import type { RequestContext } from "@/lib/authz/actor";
import { fail, type ServiceError } from "@/lib/result";

/**
 * Re-entering a password or authenticator code inside a session counts against the same per-account
 * and per-IP limits as signing in: a stolen session must not become an unthrottled way to guess the
 * password or the second factor.
 */
export async function secretAttemptsRefusal(email: string, context: RequestContext): Promise<{ ok: false; error: ServiceError } | null> {
  const retryAfter = await loginRetryAfterMinutes(loginKeys(email, context.ip));
  if (retryAfter === 0) return null;
  return fail("RATE_LIMITED", `Too many wrong attempts. Try again in ${retryAfter} minute${retryAfter === 1 ? "" : "s"}.`);
}

export async function recordWrongSecret(email: string, context: RequestContext): Promise<void> {
  await recordLoginFailure(loginKeys(email, context.ip));
}
