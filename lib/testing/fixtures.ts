/**
 * Shared fixture factories for integration tests and in-process benchmarks: real rows in the stack's
 * Postgres, and actors loaded the way a request loads them: `openSession` (what a login does), then
 * `loadActor(sessionId)` (what every request does). Emails and license numbers are random, so test files
 * and benchmark runs never collide; `deleteTestData()` removes everything created through this module.
 *
 * lib/auth/current-actor imports Auth.js, which vitest cannot load: a test file importing this module
 * replaces it first (everything behind it stays real):
 *
 *   vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
 */
import "server-only";
import { randomInt, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { newPatientPublicId } from "@/lib/accounts/public-id";
import type { SlotWindow, WeeklyRule } from "@/lib/appointments/compute-slots";
import { loadActor } from "@/lib/auth/current-actor";
import { hashPassword } from "@/lib/auth/password";
import { openSession } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { openUpload, type OpenUploadInput } from "@/lib/documents/open-upload";
import { receiveUpload } from "@/lib/documents/receive-upload";
import type { Role, VerificationState } from "@/lib/db/generated/enums";
import { newTotpSecret } from "@/lib/mfa/totp";

export interface TestUser {
  user: { id: string; email: string; name: string; role: Role };
  /** The session opened at "login"; the cookie of a real browser would name it. */
  sessionId: string;
  /** What `loadActor(sessionId)` returned: null when the account may no longer act (a suspended doctor). */
  actor: Actor | null;
}

export interface TestPatient extends TestUser {
  actor: Actor;
  publicId: string;
}

export interface TestDoctor extends TestUser {
  doctorId: string;
  timeZone: string;
}

export interface UserOptions {
  name?: string;
  /** Stored as an argon2id hash, for tests that sign in through the login form; none by default. */
  password?: string;
  /** A confirmed second factor (its secret is returned), as admins and doctors set up. */
  mfa?: boolean;
}

export interface DoctorOptions extends UserOptions {
  /** VERIFIED unless given; a SUSPENDED doctor is suspended after signing in, so their actor is null. */
  verification?: VerificationState;
  timeZone?: string;
  /** Weekly availability in the doctor's zone (see `everyDayRules`); none by default. */
  rules?: WeeklyRule[];
  minNoticeMinutes?: number;
  horizonDays?: number;
  specialty?: string;
  facilityId?: string;
}

const createdUserIds: string[] = [];
const createdFacilityIds: string[] = [];
let sharedFacility: Promise<string> | undefined;

const uniqueEmail = (label: string) => `${label}-${randomUUID()}@example.test`;

/** A license number no other fixture uses (NL format: 11 digits; 9·10¹⁰ values make collisions negligible). */
export function uniqueLicenseNumber(): string {
  return String(randomInt(10_000_000_000, 99_999_999_999));
}

/** An active facility; removed by `deleteTestData`. */
export async function createTestFacility(label = "Fixture Clinic"): Promise<string> {
  const facility = await db().facility.create({ data: { name: `${label} ${randomUUID()}`, city: "Utrecht" }, select: { id: true } });
  createdFacilityIds.push(facility.id);
  return facility.id;
}

/** The same availability window on all seven weekdays; by default round the clock in 10-minute slots. */
export function everyDayRules(window: Partial<SlotWindow> = {}): WeeklyRule[] {
  const { startMinute = 0, endMinute = 1440, slotMinutes = 10, bufferMinutes = 0 } = window;
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute, endMinute, slotMinutes, bufferMinutes }));
}

async function signIn(user: TestUser["user"] & { sessionVersion: number }): Promise<{ sessionId: string; actor: Actor | null }> {
  const sessionId = await openSession(user.id, user.sessionVersion);
  return { sessionId, actor: await loadActor(sessionId) };
}

async function credentials(options: UserOptions) {
  const totpSecret = options.mfa ? newTotpSecret() : null;
  return {
    passwordHash: options.password ? await hashPassword(options.password) : "",
    totpSecret,
    totpEnabledAt: totpSecret ? new Date() : null,
  };
}

const userSelect = { id: true, email: true, name: true, role: true, sessionVersion: true } as const;

/** A patient with a profile and a live session. */
export async function createPatient(options: UserOptions = {}): Promise<TestPatient> {
  const publicId = newPatientPublicId();
  const user = await db().user.create({
    data: {
      email: uniqueEmail("patient"),
      name: options.name ?? "Fixture Patient",
      role: "PATIENT",
      ...(await credentials(options)),
      patientProfile: { create: { publicId, dateOfBirth: new Date("1990-04-12") } },
    },
    select: userSelect,
  });
  createdUserIds.push(user.id);
  const { sessionId, actor } = await signIn(user);
  if (!actor) throw new Error("a fresh fixture patient did not load as an actor");
  return { user, sessionId, actor, publicId };
}

/** A doctor (verified unless `verification` says otherwise) with availability rules and a live session. */
export async function createDoctor(options: DoctorOptions = {}): Promise<TestDoctor> {
  const timeZone = options.timeZone ?? "UTC";
  const verification = options.verification ?? "VERIFIED";
  sharedFacility ??= createTestFacility();
  const user = await db().user.create({
    data: {
      email: uniqueEmail("doctor"),
      name: options.name ?? "Fixture Doctor",
      role: "DOCTOR",
      ...(await credentials(options)),
      doctorProfile: {
        create: {
          specialty: options.specialty ?? "General practice",
          licenseJurisdiction: "NL",
          licenseNumber: uniqueLicenseNumber(),
          facilityId: options.facilityId ?? (await sharedFacility),
          timeZone,
          verification: verification === "SUSPENDED" ? "VERIFIED" : verification,
          ...(options.minNoticeMinutes === undefined ? {} : { minNoticeMinutes: options.minNoticeMinutes }),
          ...(options.horizonDays === undefined ? {} : { horizonDays: options.horizonDays }),
          availability: { create: options.rules ?? [] },
        },
      },
    },
    select: userSelect,
  });
  createdUserIds.push(user.id);
  const session = await signIn(user);
  if (verification !== "SUSPENDED") return { user, ...session, doctorId: user.id, timeZone };
  // Suspended after signing in, as decideDoctor does it: the session exists but must no longer load.
  await db().$transaction([
    db().doctorProfile.update({ where: { userId: user.id }, data: { verification: "SUSPENDED" } }),
    db().user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } }),
  ]);
  return { user, sessionId: session.sessionId, actor: await loadActor(session.sessionId), doctorId: user.id, timeZone };
}

/** `createDoctor` with verification VERIFIED: the doctor patients can book. */
export function createVerifiedDoctor(options: Omit<DoctorOptions, "verification"> = {}): Promise<TestDoctor> {
  return createDoctor({ ...options, verification: "VERIFIED" });
}

/** An admin, with a confirmed second factor unless `mfa: false` (admin actions require one). */
export async function createAdmin(options: UserOptions = {}): Promise<TestUser & { actor: Actor }> {
  const user = await db().user.create({
    data: { email: uniqueEmail("admin"), name: options.name ?? "Fixture Admin", role: "ADMIN", ...(await credentials({ mfa: true, ...options })) },
    select: userSelect,
  });
  createdUserIds.push(user.id);
  const { sessionId, actor } = await signIn(user);
  if (!actor) throw new Error("a fresh fixture admin did not load as an actor");
  return { user, sessionId, actor };
}

/** Registers users created by services under test, so `deleteTestData` removes them too. */
export function trackUser(userId: string): void {
  createdUserIds.push(userId);
}

/**
 * Removes everything created through this module: appointments, notifications and anchor rows first (appointments
 * restrict deleting their doctor or patient), then users (profiles, sessions, rules cascade), then
 * facilities. Audit events stay: the trail is append-only by design.
 */
export async function deleteTestData(): Promise<void> {
  const userIds = createdUserIds.splice(0);
  const facilityIds = createdFacilityIds.splice(0);
  sharedFacility = undefined;
  if (userIds.length > 0) {
    await db().appointment.deleteMany({ where: { OR: [{ doctorId: { in: userIds } }, { patientId: { in: userIds } }] } });
    await db().notification.deleteMany({ where: { userId: { in: userIds } } });
    // Outbox rows name their subject without a foreign key; remove those of the users' documents and grants.
    const [documents, grants] = await Promise.all([
      db().document.findMany({ where: { ownerId: { in: userIds } }, select: { id: true } }),
      db().accessGrant.findMany({ where: { OR: [{ patientId: { in: userIds } }, { doctorId: { in: userIds } }] }, select: { id: true } }),
    ]);
    await db().anchor.deleteMany({ where: { subjectId: { in: [...documents, ...grants].map((row) => row.id) } } });
    await db().user.deleteMany({ where: { id: { in: userIds } } });
  }
  if (facilityIds.length > 0) await db().facility.deleteMany({ where: { id: { in: facilityIds } } });
}

/** A small, valid PDF whose bytes differ per call. */
export function testPdf(label: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${label} ${randomUUID()}\n1 0 obj << >> endobj\n%%EOF\n`);
}

/**
 * Stores a document through both planes of an upload, as the app does (a patient for themselves, a
 * doctor with `patientId` under a READ_WRITE grant); returns its id. Throws on any refusal.
 */
export async function storeTestDocument(actor: Actor, bytes: Buffer, input: Partial<OpenUploadInput> = {}): Promise<string> {
  const opened = await openUpload(actor, { title: "Document", kind: "OTHER", declaredType: "application/pdf", declaredSize: bytes.length, ...input });
  if (!opened.ok) throw new Error(opened.error.message);
  const received = await receiveUpload(opened.value.uploadId, actor, Readable.from([bytes]));
  if (!received.ok) throw new Error(received.error.message);
  return opened.value.documentId;
}
