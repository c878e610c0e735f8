import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { serverEnv } from "@/lib/env";
import { baseAuthConfig } from "./auth-config";
import { requestContext } from "./request-context";
import { openSession } from "./sessions";
import { verifyLogin } from "./verify-login";

/** Carries a login failure's code and message from `authorize` to the login action. */
export class LoginRefused extends CredentialsSignin {
  constructor(
    readonly refusal: { code: string; message: string },
  ) {
    super(refusal.message);
    this.code = refusal.code.toLowerCase();
  }
}

/**
 * Auth.js with a credentials provider. Credentials logins need the JWT strategy; the token carries only
 * the id of a server-side session row, and every request reloads session and user from Postgres
 * (lib/auth/current-actor.ts). Config is built lazily so `next build` needs no runtime secrets.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const base = baseAuthConfig(serverEnv());
  return {
    ...base,
    providers: [
      Credentials({
        credentials: { email: {}, password: {}, code: {} },
        async authorize(credentials) {
          const result = await verifyLogin(credentials, await requestContext());
          if (!result.ok) throw new LoginRefused(result.error);
          // A fresh server-side session per login: the cookie names it, so no earlier id can be fixed on a victim.
          return { id: await openSession(result.value.userId, result.value.sessionVersion) };
        },
      }),
    ],
  };
});
