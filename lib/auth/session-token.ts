import { decode } from "next-auth/jwt";

/**
 * Auth.js's session cookie for our settings: `useSecureCookies` is on in production (auth-config.ts),
 * which gives the name its `__Secure-` prefix. The name is also the salt the token's key is derived with.
 */
export function sessionCookieName(nodeEnv: string | undefined): string {
  return `${nodeEnv === "production" ? "__Secure-" : ""}authjs.session-token`;
}

/** What a token says: the server-side session it names, and when the token itself stops being valid. */
interface DecodedToken {
  sessionId: string | undefined;
  expiresAtMs: number;
}

/** Enough for every signed-in user of one instance; past it the oldest entry goes first. */
const MAX_REMEMBERED_TOKENS = 10_000;
/** jose's own leeway when it checks `exp` (see decode() in @auth/core/jwt). */
const CLOCK_TOLERANCE_MS = 15_000;

/**
 * Reads the session id out of an Auth.js session token, remembering tokens already decoded.
 *
 * Auth.js's auth() decrypts the token (an HKDF key derivation plus JWE decryption) and re-encrypts a fresh
 * one on every call, only for the Response it builds to be thrown away in server code: that was 4–5 ms of
 * CPU on every signed-in request. The token is only a carrier for the id of a `sessions` row, and the row
 * is checked in Postgres on every request (revocation, idle timeout, session version), so a token that
 * decrypted once under this secret says the same thing until its `exp`, which is checked here too.
 */
export function createSessionTokenReader(options: { secret: string; cookieName: string; now?: () => number }) {
  const remembered = new Map<string, DecodedToken>();
  const now = options.now ?? Date.now;

  async function decodeToken(token: string): Promise<DecodedToken | null> {
    try {
      const payload = await decode({ token, secret: options.secret, salt: options.cookieName });
      if (!payload || typeof payload.exp !== "number") return null;
      return { sessionId: typeof payload.sid === "string" ? payload.sid : undefined, expiresAtMs: payload.exp * 1000 };
    } catch {
      // Tampered, expired, or sealed under another secret: no session, as auth() answers.
      return null;
    }
  }

  return async function sessionIdFromToken(token: string | undefined): Promise<string | undefined> {
    if (!token) return undefined;
    let decoded = remembered.get(token);
    if (!decoded) {
      const fresh = await decodeToken(token);
      if (!fresh) return undefined;
      decoded = fresh;
      if (remembered.size >= MAX_REMEMBERED_TOKENS) remembered.delete(remembered.keys().next().value!);
      remembered.set(token, decoded);
    }
    if (now() > decoded.expiresAtMs + CLOCK_TOLERANCE_MS) {
      remembered.delete(token);
      return undefined;
    }
    return decoded.sessionId;
  };
}
