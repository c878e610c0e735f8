/**
 * Real users of every kind the authorization matrix distinguishes, created in the suite's Postgres and
 * loaded the way a request loads them: `openSession` (what a login does) and then `loadActor(sessionId)`
 * (what every request does). A suspended doctor is suspended after signing in, so their session exists
 * but no longer loads: their actor is null, exactly as in the running app.
 *
 * Test files importing this must stub the request scope (see request-scope.ts): lib/auth/current-actor
 * imports Auth.js.
 */
import { randomInt, randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { newPatientPublicId } from "@/lib/accounts/public-id";
import { hashPassword } from "@/lib/auth/password";
import { loadActor } from "@/lib/auth/current-actor";
import { openSession } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/authz/actor";
import { newTotpSecret } from "@/lib/mfa/totp";

export const ACTOR_KINDS = ["anonymous", "patient", "otherPatient", "pendingDoctor", "verifiedDoctor", "suspendedDoctor", "admin"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Every fixture user signs in with this password (hashed once per test file). */
export const FIXTURE_PASSWORD = "quiet harbour lantern meadow";

export interface RealUser {
  kind: ActorKind;
  /** Null for the anonymous visitor. */
  userId: string | null;
  email: string | null;
  /** The TOTP secret of users with a confirmed second factor (verified doctor, admin). */
  totpSecret: string | null;
  /** The session opened at "login"; null for the anonymous visitor. */
  sessionId: string | null;
  /** What `loadActor(sessionId)` returned: null for the anonymous visitor and the suspended doctor. */
  actor: Actor | null;
}

const createdUserIds: string[] = [];
const createdFacilityIds: string[] = [];
let passwordHash: Promise<string> | undefined;

const EVERY_DAY_ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440, slotMinutes: 10, bufferMinutes: 0 }));

const kebab = (kind: string) => kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** A license number no other test uses (NL format: 11 digits). */
export function uniqueNlLicenseNumber(): string {
  return String(randomInt(10_000_000_000, 99_999_999_999));
}

/** An active facility doctors can apply at; removed by `deleteRealUsers`. */
export async function createTestFacility(label: string, active = true): Promise<string> {
  const facility = await db().facility.create({ data: { name: `${label} ${randomUUID()}`, city: "Utrecht", active }, select: { id: true } });
  createdFacilityIds.push(facility.id);
  return facility.id;
}

/** A user of `kind` with a live session, loaded through `loadActor` like any request. */
export async function createRealUser(kind: ActorKind, facilityId: string): Promise<RealUser> {
  if (kind === "anonymous") return { kind, userId: null, email: null, totpSecret: null, sessionId: null, actor: null };
  passwordHash ??= hashPassword(FIXTURE_PASSWORD);
  const email = `${kebab(kind)}-${randomUUID()}@example.test`;
  const isDoctor = kind === "pendingDoctor" || kind === "verifiedDoctor" || kind === "suspendedDoctor";
  const totpSecret = kind === "verifiedDoctor" || kind === "admin" ? newTotpSecret() : null;
  const user = await db().user.create({
    data: {
      email,
      name: `Fixture ${kind}`,
      role: kind === "admin" ? "ADMIN" : isDoctor ? "DOCTOR" : "PATIENT",
      passwordHash: await passwordHash,
      totpSecret,
      totpEnabledAt: totpSecret ? new Date() : null,
      ...(kind === "patient" || kind === "otherPatient" ? { patientProfile: { create: { publicId: newPatientPublicId(), dateOfBirth: new Date("1990-04-12") } } } : {}),
      ...(isDoctor
        ? {
            doctorProfile: {
              create: {
                specialty: "Cardiology",
                licenseJurisdiction: "NL",
                licenseNumber: uniqueNlLicenseNumber(),
                facilityId,
                timeZone: "Europe/Amsterdam",
                verification: kind === "pendingDoctor" ? "PENDING" : "VERIFIED",
                // Verified doctors can be booked round the clock in 10-minute slots.
                ...(kind === "pendingDoctor" ? {} : { availability: { create: EVERY_DAY_ALL_DAY } }),
              },
            },
          }
        : {}),
    },
  });
  createdUserIds.push(user.id);
  const sessionId = await openSession(user.id, user.sessionVersion);
  // Suspended after signing in: the cookie still names a session, which must no longer load.
  if (kind === "suspendedDoctor") await db().doctorProfile.update({ where: { userId: user.id }, data: { verification: "SUSPENDED" } });
  return { kind, userId: user.id, email, totpSecret, sessionId, actor: await loadActor(sessionId) };
}

/** Registers users and facilities created by services under test, so `deleteRealUsers` removes them too. */
export function trackCreated(ids: { userId?: string; facilityId?: string }): void {
  if (ids.userId) createdUserIds.push(ids.userId);
  if (ids.facilityId) createdFacilityIds.push(ids.facilityId);
}

/**
 * Removes every user and facility created through this module: appointments and notifications first
 * (appointments restrict deleting their doctor or patient), then users (sessions, profiles and links
 * cascade). Audit events stay: the trail is append-only.
 */
export async function deleteRealUsers(): Promise<void> {
  const userIds = createdUserIds.splice(0);
  await db().appointment.deleteMany({ where: { OR: [{ doctorId: { in: userIds } }, { patientId: { in: userIds } }] } });
  await db().notification.deleteMany({ where: { userId: { in: userIds } } });
  await db().user.deleteMany({ where: { id: { in: userIds } } });
  await db().facility.deleteMany({ where: { id: { in: createdFacilityIds.splice(0) } } });
}
