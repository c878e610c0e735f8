import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import type { Role } from "@/lib/db/generated/enums";
import type { Actor } from "@/lib/authz/actor";
import { auth } from "./auth";
import { liveSession } from "./sessions";

/** Loads the user behind a session, or null when the session must no longer be honoured. */
export async function loadActor(sessionId: string | undefined): Promise<Actor | null> {
  return (await liveSession(sessionId))?.actor ?? null;
}

/** The acting user for this request, fresh from Postgres (cached for the duration of one request). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = (await auth()) as { sessionId?: string } | null;
  return loadActor(session?.sessionId);
});

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
