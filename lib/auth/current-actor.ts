import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { Role } from "@/lib/db/generated/enums";
import type { Actor } from "@/lib/authz/actor";
import { serverEnv } from "@/lib/env";
import { auth } from "./auth";
import { liveSession } from "./sessions";
import { createSessionTokenReader, sessionCookieName } from "./session-token";

/** Loads the user behind a session, or null when the session must no longer be honoured. */
export async function loadActor(sessionId: string | undefined): Promise<Actor | null> {
  return (await liveSession(sessionId))?.actor ?? null;
}

const globalForTokens = globalThis as unknown as { medAnchorSessionTokens?: ReturnType<typeof createSessionTokenReader> };

/** The id of the server-side session this request's cookie names, if its token is valid (see session-token.ts). */
export async function currentSessionId(): Promise<string | undefined> {
  // cookies() first: it is what marks a page as rendered per request, so `next build` never needs the env.
  const jar = await cookies();
  const env = serverEnv();
  const cookieName = sessionCookieName(env.nodeEnv);
  const token = jar.get(cookieName)?.value;
  if (token) {
    globalForTokens.medAnchorSessionTokens ??= createSessionTokenReader({ secret: env.authSecret, cookieName });
    return globalForTokens.medAnchorSessionTokens(token);
  }
  // Auth.js splits a token of over 4 KB into `.0`, `.1`, ... cookies. Ours carry one id and never are, but
  // should one arrive, Auth.js itself joins and reads it.
  if (jar.has(`${cookieName}.0`)) return ((await auth()) as { sessionId?: string } | null)?.sessionId;
  return undefined;
}

/** The acting user for this request, fresh from Postgres (cached for the duration of one request). */
export const currentActor = cache(async (): Promise<Actor | null> => loadActor(await currentSessionId()));

export const ROLE_HOME: Record<Role, string> = { PATIENT: "/patient", DOCTOR: "/doctor", ADMIN: "/admin" };

/** For pages: the actor, or a redirect to the login page. */
export async function requireUser(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return actor;
}

/** For pages of one role: others are sent to their own home. */
export async function requireRole(role: Role): Promise<Actor> {
  const actor = await requireUser();
  if (actor.role !== role) redirect(ROLE_HOME[actor.role]);
  return actor;
}

/** Admin pages: an admin with a confirmed second factor; without one, the enrolment page first. */
export async function requireAdminWithMfa(): Promise<Actor> {
  const actor = await requireRole("ADMIN");
  if (!actor.mfaEnabled) redirect("/account/security?required=1");
  return actor;
}
