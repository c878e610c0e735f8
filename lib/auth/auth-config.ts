import type { NextAuthConfig } from "next-auth";
import type { ServerEnv } from "@/lib/env";

/** Upper bound of a cookie's life; the idle timeout is enforced server-side (lib/auth/sessions.ts). */
const ABSOLUTE_SESSION_HOURS = 12;

/**
 * Auth.js settings. The JWT carries nothing but the id of a `sessions` row, so revocation, idle
 * timeout and logout-everywhere are decided in Postgres on every request, not by the token.
 */
export function baseAuthConfig(env: ServerEnv): NextAuthConfig {
  return {
    secret: env.authSecret,
    trustHost: true,
    session: { strategy: "jwt", maxAge: ABSOLUTE_SESSION_HOURS * 60 * 60 },
    useSecureCookies: env.nodeEnv === "production",
    pages: { signIn: "/login" },
    providers: [],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.sid = user.id;
        return { sid: token.sid };
      },
      session({ session, token }) {
        return { ...session, sessionId: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
  };
}
