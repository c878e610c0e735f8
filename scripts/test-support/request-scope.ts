/**
 * Stands in for the Next.js request scope in integration tests. Services that read the session cookie
 * (`auth()`), end it (`signOut()`) or read request headers (`headers()`) only work inside a request; a
 * test file replaces those two modules with these stubs and says which session "sent" the request:
 *
 *   vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
 *   vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);
 *
 * Everything behind them (sessions, users, authorization, audit) stays real. Importing
 * lib/auth/current-actor.ts (for `loadActor`) needs the first stub too: Auth.js itself cannot be loaded
 * by vitest's Node resolver.
 */
import { randomInt } from "node:crypto";

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

export const headersModuleStub = {
  headers: async () => new Headers({ "x-forwarded-for": requestScope.ip, "user-agent": requestScope.userAgent }),
};
