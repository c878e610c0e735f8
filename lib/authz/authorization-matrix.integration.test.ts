/**
 * The authorization matrix (scripts/test-support/authorization-matrix/) run against real users in
 * Postgres: every protected server action, every kind of caller, the outcome and the audit trail of each
 * cell, and the ownership rules caller by caller. Public endpoints: public-endpoints-matrix; the static
 * checks over app/: authorization-matrix-coverage.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import { anchorPending } from "@/lib/anchors/anchor-worker";
import { recordGrantAnchor } from "@/lib/grants/grant-anchor";
import { loadActor } from "@/lib/auth/current-actor";
import { authorize, decide } from "@/lib/authz/authorize";
import { rules, type Action, type Rule } from "@/lib/authz/rules";
import { db } from "@/lib/db/client";
import type { Result } from "@/lib/result";
import { AUTHORIZATION_MATRIX, type MatrixFixtures, type Outcome, type ProtectedEntry } from "@/scripts/test-support/authorization-matrix";
import { ACTOR_KINDS, FIXTURE_PASSWORD, createRealUser, createTestFacility, deleteRealUsers, trackCreated, uniqueNlLicenseNumber, type ActorKind, type RealUser } from "@/scripts/test-support/real-actors";
import { beginRequest, randomTestIp, requestScope } from "@/scripts/test-support/request-scope";

const run = randomUUID().slice(0, 8);
let facilityId: string;

const protectedEntries = AUTHORIZATION_MATRIX.filter((e): e is ProtectedEntry => e.kind === "action");

beforeAll(async () => {
  facilityId = await createTestFacility(`Matrix Clinic ${run}`);
});

afterAll(async () => {
  await deleteRealUsers();
});

function outcomeOf(result: Result<unknown> | void): Outcome {
  if (!result || result.ok) return "allow";
  switch (result.error.code) {
    case "UNAUTHENTICATED":
      return 401;
    case "FORBIDDEN":
      return 403;
    case "NOT_FOUND":
      return 404;
    default:
      return `allow:${result.error.code}`;
  }
}

const DAY_MS = 86_400_000;

/** Midnight UTC `daysAhead` days from now, plus hh:mm. */
function utcAt(daysAhead: number, hour: number, minute: number): Date {
  const day = new Date(Date.now() + daysAhead * DAY_MS);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute));
}

async function appointmentDoctorFor(acting: RealUser): Promise<string> {
  return acting.kind === "verifiedDoctor" ? acting.userId! : (await createRealUser("verifiedDoctor", facilityId)).userId!;
}

const ownerAppointments = (owner: RealUser) =>
  db().appointment.findMany({ where: { patientId: owner.userId! }, orderBy: { id: "asc" }, select: { id: true, status: true, startsAt: true, endsAt: true } });

function fixturesFor(acting: RealUser, owner: RealUser, created: { appointments: { id: string; status: string; startsAt: Date; endsAt: Date }[] }): MatrixFixtures {
  return {
    password: FIXTURE_PASSWORD,
    facilityId,
    totpSecret: acting.totpSecret,
    context: { ip: requestScope.ip, userAgent: requestScope.userAgent },
    unique: (prefix) => `${prefix} ${run}-${randomUUID().slice(0, 8)}`,
    pendingApplication: async () => (await createRealUser("pendingDoctor", facilityId)).userId!,
    facility: () => createTestFacility(`Matrix Clinic ${run}`),
    licenseNumber: uniqueNlLicenseNumber,
    track: trackCreated,
    bookableDoctor: async () => (await createRealUser("verifiedDoctor", facilityId)).userId!,
    appointment: async (when) => {
      const startsAt = when === "upcoming" ? utcAt(2, 10, 0) : new Date(Date.now() - 30 * 60_000);
      const appointment = await db().appointment.create({
        data: { doctorId: await appointmentDoctorFor(acting), patientId: owner.userId!, startsAt, endsAt: new Date(startsAt.getTime() + 10 * 60_000), idempotencyKey: randomUUID() },
        select: { id: true, status: true, startsAt: true, endsAt: true },
      });
      created.appointments.push(appointment);
      return appointment.id;
    },
    ownerId: owner.userId!,
    linkToOwner: async () => {
      if (acting.kind === "pendingDoctor" || acting.kind === "verifiedDoctor") await db().doctorPatient.create({ data: { doctorId: acting.userId!, patientId: owner.userId! } });
    },
    accessRequest: async () => {
      const grant = await db().accessGrant.create({
        data: { patientId: owner.userId!, doctorId: await appointmentDoctorFor(acting), requestedById: owner.userId!, reason: "Matrix request", allDocuments: true, permission: "READ", durationDays: 7, state: "REQUESTED" },
        select: { id: true },
      });
      return grant.id;
    },
    activeGrant: async (permission) => {
      const now = Date.now();
      const window = { notBefore: new Date(now - 60_000), notAfter: new Date(now + 86_400_000) };
      const doctorId = await appointmentDoctorFor(acting);
      const grant = await db().$transaction(async (tx) => {
        const created = await tx.accessGrant.create({ data: { patientId: owner.userId!, doctorId, requestedById: owner.userId!, allDocuments: true, permission, state: "ACTIVE", ...window }, select: { id: true } });
        await recordGrantAnchor(tx, { id: created.id, patientId: owner.userId!, doctorId, permission, allDocuments: true, documentIds: [], ...window });
        return created;
      });
      // Doctors read only under grants the chain confirms.
      await anchorPending();
      return grant.id;
    },
    availabilityException: async () => {
      const exception = await db().availabilityException.create({ data: { doctorId: await appointmentDoctorFor(acting), date: utcAt(15, 0, 0), kind: "DAY_OFF" }, select: { id: true } });
      return exception.id;
    },
    slot: (daysAhead, hour, minute) => {
      const startsAt = utcAt(daysAhead, hour, minute);
      return { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 10 * 60_000).toISOString() };
    },
  };
}

const lastAuditId = async () => (await db().auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? BigInt(0);
const auditSince = (id: bigint) => db().auditEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: "asc" }, select: { action: true, outcome: true, actorId: true, details: true } });

/** What must not change about the fixture owner when someone else acts. */
async function ownerState(owner: RealUser) {
  const user = await db().user.findUniqueOrThrow({
    where: { id: owner.userId! },
    select: { email: true, name: true, passwordHash: true, sessionVersion: true, status: true, totpSecret: true, totpEnabledAt: true, patientProfile: { select: { publicId: true, dateOfBirth: true, phone: true } } },
  });
  const session = await db().session.findUniqueOrThrow({ where: { id: owner.sessionId! }, select: { revokedAt: true } });
  return { user, revokedAt: session.revokedAt, sessionLoads: (await loadActor(owner.sessionId!)) !== null };
}

describe("the matrix's callers are real users loaded from their sessions", () => {
  it("loads each kind through openSession + loadActor, and a suspended doctor's session does not load", async () => {
    const loaded = Object.fromEntries(await Promise.all(ACTOR_KINDS.map(async (kind) => [kind, (await createRealUser(kind, facilityId)).actor] as const)));
    expect(loaded).toEqual({
      anonymous: null,
      patient: expect.objectContaining({ role: "PATIENT", status: "ACTIVE", verification: null, mfaEnabled: false }),
      otherPatient: expect.objectContaining({ role: "PATIENT", status: "ACTIVE", verification: null, mfaEnabled: false }),
      pendingDoctor: expect.objectContaining({ role: "DOCTOR", status: "ACTIVE", verification: "PENDING", mfaEnabled: false }),
      verifiedDoctor: expect.objectContaining({ role: "DOCTOR", status: "ACTIVE", verification: "VERIFIED", mfaEnabled: true }),
      suspendedDoctor: null,
      admin: expect.objectContaining({ role: "ADMIN", status: "ACTIVE", verification: null, mfaEnabled: true }),
    });
  });
});

describe("authorization matrix: protected server actions", () => {
  for (const entry of protectedEntries) {
    describe(`${entry.file} ${entry.export} → ${entry.service.name}`, () => {
      for (const kind of ACTOR_KINDS) {
        const expected = entry.expected[kind];
        it(`${kind}: ${expected}`, async () => {
          // Fresh users and resources per cell: an allowed mutation (password change, TOTP off) cannot leak into another cell.
          const owner = await createRealUser("patient", facilityId);
          const acting: RealUser = kind === "patient" ? owner : await createRealUser(kind, facilityId);
          beginRequest(acting.sessionId ?? undefined, randomTestIp());
          const ownerBefore = kind === "patient" ? undefined : await ownerState(owner);
          const auditBefore = await lastAuditId();

          const created: Parameters<typeof fixturesFor>[2] = { appointments: [] };
          const result = await entry.call(acting.actor, fixturesFor(acting, owner, created));

          const outcome = outcomeOf(result);
          expect(outcome, `${entry.export} as ${kind} returned ${JSON.stringify(result)}`).toBe(expected);
          const events = await auditSince(auditBefore);
          if (typeof outcome === "number") {
            const deny = events.find((e) => e.outcome === "DENY" && e.actorId === (acting.actor?.id ?? null));
            expect(deny, `a ${outcome} for ${kind} must be audited as DENY; recorded: ${JSON.stringify(events)}`).toBeDefined();
            // A refused call leaves the owner's appointments exactly as the fixtures made them.
            expect(await ownerAppointments(owner), "a refused call must not change the owner's appointments").toEqual(created.appointments);
          } else {
            expect(events.filter((e) => e.action === "authz.deny"), `${kind} was allowed, so no authz.deny may be recorded`).toEqual([]);
          }
          if (ownerBefore) expect(await ownerState(owner), "someone else's call must not touch the owner's account").toEqual(ownerBefore);
        });
      }
    });
  }
});

describe("authorization matrix: resource-scoped rules hide other people's resources", () => {
  /** Rules that look at whose resource it is (its owner, or the doctor it belongs to). */
  const scoped = (Object.entries(rules) as [Action, Rule][]).filter(([, rule]) => /ownerId|doctorId/.test(rule.allow.toString()));

  /**
   * Ownership rules that services only ever check against the caller's own id, so their FORBIDDEN says
   * nothing about anyone else's resources. Every other ownership rule must hide.
   */
  const SELF_ONLY_WITHOUT_HIDE: Partial<Record<Action, string>> = {
    "availability.manage_own": "authorizeOwnSchedule always passes the caller's own id; removing another doctor's exception goes through availability.remove_exception, which hides.",
  };

  it("finds the ownership rules, and each denies as NOT_FOUND", () => {
    expect(scoped.map(([action]) => action)).toEqual(expect.arrayContaining(["profile.read_own", "profile.change_password", "session.logout_everywhere", "mfa.manage_own", "doctor.read_own_application", "doctor.edit_own_application"]));
    for (const [action, rule] of scoped) {
      if (SELF_ONLY_WITHOUT_HIDE[action]) expect(rules).toHaveProperty([action]);
      else expect(rule.hide, `${action} must deny as NOT_FOUND so other people's ids cannot be probed`).toBe(true);
    }
  });

  it("lets the holder of a resource act and answers everyone else NOT_FOUND (signed out: UNAUTHENTICATED)", async () => {
    const users = Object.fromEntries(await Promise.all(ACTOR_KINDS.map(async (kind) => [kind, await createRealUser(kind, facilityId)] as const))) as Record<ActorKind, RealUser>;
    const holders = ACTOR_KINDS.filter((kind) => users[kind].actor !== null);
    for (const [action, rule] of scoped) {
      let held = false;
      for (const holderKind of holders) {
        const holder = users[holderKind];
        for (const field of ["ownerId", "doctorId"] as const) {
          if (!rule.allow.toString().includes(field)) continue;
          // e.g. patient A's profile, or an appointment with doctor D.
          const resource = { ...(field === "ownerId" ? { ownerId: holder.userId! } : { doctorId: holder.userId! }), type: "test", id: holder.userId! };
          if (!decide(holder.actor, action, resource).allowed) continue;
          held = true;
          expect((await authorize(holder.actor, action, resource)).ok, `${action}: ${holderKind} acts on their own resource`).toBe(true);
          for (const kind of ACTOR_KINDS.filter((k) => k !== holderKind)) {
            const expected = users[kind].actor === null ? "UNAUTHENTICATED" : rule.hide ? "NOT_FOUND" : "FORBIDDEN";
            expect(await authorize(users[kind].actor, action, resource), `${action} on ${holderKind}'s resource (${field}) as ${kind}`).toMatchObject({ ok: false, error: { code: expected } });
          }
        }
      }
      expect(held, `${action}: some caller must be able to hold such a resource`).toBe(true);
    }
  });
});
