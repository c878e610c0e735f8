/**
 * Stands in for the Next.js request scope in integration tests. Services that read the session cookie
 * (`cookies()`, or `auth()`), end it (`signOut()`) or read request headers (`headers()`) only work inside
 * a request; a test file replaces those two modules with these stubs and says which session "sent" the
 * request. The cookie is a real Auth.js token sealed with the test environment's AUTH_SECRET, so the
 * app's own token reading (lib/auth/session-token.ts) runs as it does in production:
 *
 *   vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
 *   vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);
 *
 * Everything behind them (sessions, users, authorization, audit) stays real. Importing
 * lib/auth/current-actor.ts (for `loadActor`) needs the first stub too: Auth.js itself cannot be loaded
 * by vitest's Node resolver.
 */
import { randomInt } from "node:crypto";
import { encode } from "next-auth/jwt";
import { baseAuthConfig } from "@/lib/auth/auth-config";
import { sessionCookieName } from "@/lib/auth/session-token";
import { serverEnv } from "@/lib/env";

export interface RequestScope {
  /** The server-side session the request's cookie names, or undefined for a request without one. */
  sessionId: string | undefined;
  ip: string;
  userAgent: string;
  /** How many times a service called Auth.js's signOut during the test. */
  signOuts: number;
}

export const requestScope: RequestScope = { sessionId: undefined, ip: "203.0.113.1", userAgent: "vitest", signOuts: 0 };

/** A random client address, so the per-IP login limit never couples tests together. */
export function randomTestIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** Starts a new simulated request from `sessionId` (or from a browser without a session). */
export function beginRequest(sessionId: string | undefined, ip: string = randomTestIp()): RequestScope {
  requestScope.sessionId = sessionId;
  requestScope.ip = ip;
  return requestScope;
}

class LoginRefusedStub extends Error {
  constructor(readonly refusal: { code: string; message: string }) {
    super(refusal.message);
  }
}

export const authModuleStub = {
  auth: async () => (requestScope.sessionId ? { sessionId: requestScope.sessionId } : null),
  signOut: async () => {
    requestScope.signOuts += 1;
  },
  signIn: async () => {
    throw new Error("signIn needs a Next.js request; call verifyLogin and openSession instead.");
  },
  handlers: {},
  LoginRefused: LoginRefusedStub,
};

const sealedTokens = new Map<string, Promise<string>>();

/** The session cookie a browser holding `sessionId` sends: Auth.js's token naming it, as the login sets it. */
function sessionTokenFor(sessionId: string): Promise<string> {
  const env = serverEnv();
  let token = sealedTokens.get(sessionId);
  if (!token) {
    token = encode({ token: { sid: sessionId }, secret: env.authSecret, salt: sessionCookieName(env.nodeEnv), maxAge: baseAuthConfig(env).session?.maxAge });
    sealedTokens.set(sessionId, token);
  }
  return token;
}

export const headersModuleStub = {
  headers: async () => new Headers({ "x-forwarded-for": requestScope.ip, "user-agent": requestScope.userAgent }),
  cookies: async () => {
    const cookieName = sessionCookieName(serverEnv().nodeEnv);
    const value = requestScope.sessionId ? await sessionTokenFor(requestScope.sessionId) : undefined;
    const get = (name: string) => (name === cookieName && value ? { name, value } : undefined);
    return { get, has: (name: string) => get(name) !== undefined };
  },
};
