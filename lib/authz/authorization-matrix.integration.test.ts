/**
 * The authorization matrix (scripts/test-support/authorization-matrix.ts) run against real users in
 * Postgres: every server action and route handler in app/, every kind of caller, the outcome and the
 * audit trail of each cell. Plus static checks over the source: no endpoint without an entry, every
 * protected action takes its actor from `currentActor()` and hands it to the service it is listed with.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import { GET as documentContentGet } from "@/app/api/documents/[documentId]/content/route";
import { GET as receiptGet } from "@/app/api/documents/[documentId]/receipt/route";
import { POST as rpcPost } from "@/app/api/rpc/route";
import { GET as healthGet } from "@/app/api/health/route";
import { DELETE as fhirDelete, GET as fhirGet, PATCH as fhirPatch, POST as fhirPost, PUT as fhirPut } from "@/app/fhir/R4/[[...path]]/route";
import { GET as patientExportGet } from "@/app/api/export/route";
import { GET as doctorExportGet } from "@/app/api/export/patients/[patientId]/route";
import { createAccessToken } from "@/lib/access-tokens/create-token";
import { signContentLink } from "@/lib/documents/content-link";
import { PUT as uploadPut } from "@/app/api/uploads/[uploadId]/route";
import { openUpload } from "@/lib/documents/open-upload";
import { anchorPending } from "@/lib/anchors/anchor-worker";
import { recordGrantAnchor } from "@/lib/grants/grant-anchor";
import { applyAsDoctor } from "@/lib/accounts/apply-as-doctor";
import { registerPatient } from "@/lib/accounts/register-patient";
import { loadActor } from "@/lib/auth/current-actor";
import { openSession } from "@/lib/auth/sessions";
import { INVALID_CREDENTIALS_MESSAGE, verifyLogin } from "@/lib/auth/verify-login";
import { authorize, decide } from "@/lib/authz/authorize";
import { rules, type Action, type Rule } from "@/lib/authz/rules";
import { db } from "@/lib/db/client";
import { storeTestDocument, testPdf } from "@/lib/testing/fixtures";
import type { Result } from "@/lib/result";
import { discoverEndpoints, endpointKey, readSource, type Endpoint } from "@/scripts/test-support/app-endpoints";
import { AUTHORIZATION_MATRIX, type MatrixFixtures, type Outcome, type ProtectedEntry, type PublicEntry } from "@/scripts/test-support/authorization-matrix";
import { ACTOR_KINDS, FIXTURE_PASSWORD, createRealUser, createTestFacility, deleteRealUsers, trackCreated, uniqueNlLicenseNumber, type ActorKind, type RealUser } from "@/scripts/test-support/real-actors";
import { checkMetricsRoute } from "@/scripts/test-support/metrics-matrix-check";
import { beginRequest, randomTestIp, requestScope } from "@/scripts/test-support/request-scope";

const run = randomUUID().slice(0, 8);
let facilityId: string;

const protectedEntries = AUTHORIZATION_MATRIX.filter((e): e is ProtectedEntry => e.kind === "action");
const publicEntries = AUTHORIZATION_MATRIX.filter((e): e is PublicEntry => e.kind !== "action");

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

describe("authorization matrix: public endpoints", () => {
  const checks: Record<string, () => Promise<void>> = {
    "app/(public)/login/actions.ts#loginAction": async () => {
      const user = await createRealUser("patient", facilityId);
      const context = { ip: randomTestIp(), userAgent: "vitest" };
      expect(await verifyLogin({ email: user.email, password: FIXTURE_PASSWORD }, context)).toEqual({ ok: true, value: { userId: user.userId, sessionVersion: 1 } });
      expect(await verifyLogin({ email: user.email, password: "not the password at all" }, context)).toEqual({ ok: false, error: { code: "VALIDATION", message: INVALID_CREDENTIALS_MESSAGE } });
      // What the credentials provider does next: a new session that loads as this user.
      expect(await loadActor(await openSession(user.userId!, 1))).toMatchObject({ id: user.userId, role: "PATIENT" });
    },
    "app/(public)/register/actions.ts#registerPatientAction": async () => {
      const result = await registerPatient({ name: "Visitor Patient", email: `matrix-visitor-${randomUUID()}@example.test`, password: "velvet canyon orbit pepper", dateOfBirth: "1991-06-01" });
      expect(result).toMatchObject({ ok: true, value: { userId: expect.any(String), publicId: expect.stringMatching(/^MA-/) } });
      if (result.ok) trackCreated({ userId: result.value.userId });
    },
    "app/(public)/register/actions.ts#applyAsDoctorAction": async () => {
      const result = await applyAsDoctor({
        name: "Visitor Doctor",
        email: `matrix-applicant-${randomUUID()}@example.test`,
        password: "velvet canyon orbit pepper",
        dateOfBirth: "1980-02-02",
        specialty: "Cardiology",
        licenseJurisdiction: "NL",
        licenseNumber: uniqueNlLicenseNumber(),
        facilityId,
        timeZone: "Europe/Amsterdam",
        bio: "",
      });
      expect(result).toMatchObject({ ok: true, value: { userId: expect.any(String) } });
      if (!result.ok) return;
      trackCreated({ userId: result.value.userId });
      expect(await db().doctorProfile.findUniqueOrThrow({ where: { userId: result.value.userId }, select: { verification: true } })).toEqual({ verification: "PENDING" });
    },
    "app/api/auth/[...nextauth]/route.ts#GET": async () => {
      expect(readSource("app/api/auth/[...nextauth]/route.ts").trim()).toBe('export { GET, POST } from "@/lib/auth/route-handlers";');
      expect(readSource("lib/auth/route-handlers.ts")).toContain("export const { GET, POST } = handlers;");
    },
    "app/api/auth/[...nextauth]/route.ts#POST": async () => {
      expect(readSource("app/api/auth/[...nextauth]/route.ts").trim()).toBe('export { GET, POST } from "@/lib/auth/route-handlers";');
    },
    "app/api/health/route.ts#GET": async () => {
      const response = await healthGet();
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const body = await response.text();
      expect(JSON.parse(body)).toMatchObject({ status: "ok", down: [] });
      expect(body).not.toMatch(/@|postgres(ql)?:\/\/|password/i);
    },
  };

  /** A route handler whose service authorizes: signed out 401, another patient 404, the owner gets through. */
  checks["app/api/uploads/[uploadId]/route.ts#PUT"] = async () => {
    const [owner, other] = [await createRealUser("patient", facilityId), await createRealUser("patient", facilityId)];
    const opened = await openUpload(owner.actor, { title: "Matrix scan", kind: "OTHER", declaredType: "application/pdf", declaredSize: 9 });
    if (!opened.ok) throw new Error(opened.error.message);
    const put = (sessionId: string | undefined) => {
      beginRequest(sessionId, randomTestIp());
      const request = new Request(`http://localhost/api/uploads/${opened.value.uploadId}`, { method: "PUT", body: "%PDF-1.4\n", duplex: "half", headers: { origin: "http://localhost", host: "localhost" } } as RequestInit);
      return uploadPut(request, { params: Promise.resolve({ uploadId: opened.value.uploadId }) });
    };
    expect((await put(undefined)).status).toBe(401);
    expect((await put(other.sessionId!)).status).toBe(404);
    expect((await put(owner.sessionId!)).status).toBe(201);
  };
  checks["app/api/documents/[documentId]/content/route.ts#GET"] = async () => {
    const [owner, other] = [await createRealUser("patient", facilityId), await createRealUser("patient", facilityId)];
    const opened = await openUpload(owner.actor, { title: "Matrix scan", kind: "OTHER", declaredType: "application/pdf", declaredSize: 9 });
    if (!opened.ok) throw new Error(opened.error.message);
    beginRequest(owner.sessionId!, randomTestIp());
    const request = new Request(`http://localhost/api/uploads/${opened.value.uploadId}`, { method: "PUT", body: "%PDF-1.4\n", duplex: "half", headers: { origin: "http://localhost", host: "localhost" } } as RequestInit);
    expect((await uploadPut(request, { params: Promise.resolve({ uploadId: opened.value.uploadId }) })).status).toBe(201);
    const get = (sessionId: string | undefined) => {
      beginRequest(sessionId, randomTestIp());
      return documentContentGet(new Request(`http://localhost/api/documents/${opened.value.documentId}/content`), { params: Promise.resolve({ documentId: opened.value.documentId }) });
    };
    expect((await get(undefined)).status).toBe(401);
    expect((await get(other.sessionId!)).status).toBe(404);
    const allowed = await get(owner.sessionId!);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toBe("%PDF-1.4\n");
    // A `?link=` token stands in for the session, for the user and document it was signed for only.
    const byLink = (link: string) => {
      beginRequest(undefined, randomTestIp());
      return documentContentGet(new Request(`http://localhost/api/documents/${opened.value.documentId}/content?link=${encodeURIComponent(link)}`), { params: Promise.resolve({ documentId: opened.value.documentId }) });
    };
    const ownersLink = await byLink(signContentLink(owner.userId!, opened.value.documentId));
    expect(ownersLink.status).toBe(200);
    expect(await ownersLink.text()).toBe("%PDF-1.4\n");
    expect((await byLink(signContentLink(other.userId!, opened.value.documentId))).status).toBe(404);
    expect((await byLink(signContentLink(owner.userId!, randomUUID()))).status).toBe(401);
    expect((await byLink(signContentLink(owner.userId!, opened.value.documentId, -1))).status).toBe(401);
  };
  checks["app/api/export/route.ts#GET"] = async () => {
    const [owner, doctor] = [await createRealUser("patient", facilityId), await createRealUser("verifiedDoctor", facilityId)];
    await storeTestDocument(owner.actor!, testPdf("matrix export"), { title: "Matrix export" });
    const get = (sessionId: string | undefined) => {
      beginRequest(sessionId, randomTestIp());
      return patientExportGet(new Request("http://localhost/api/export"));
    };
    expect((await get(undefined)).status).toBe(401);
    expect((await get(doctor.sessionId!)).status).toBe(404);
    const allowed = await get(owner.sessionId!);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("content-type")).toBe("application/zip");
    await allowed.arrayBuffer();
  };
  checks["app/api/export/patients/[patientId]/route.ts#GET"] = async () => {
    const [patient, granted, stranger] = [await createRealUser("patient", facilityId), await createRealUser("verifiedDoctor", facilityId), await createRealUser("verifiedDoctor", facilityId)];
    const now = Date.now();
    const window = { notBefore: new Date(now - 60_000), notAfter: new Date(now + 86_400_000) };
    await db().$transaction(async (tx) => {
      const grant = await tx.accessGrant.create({ data: { patientId: patient.userId!, doctorId: granted.userId!, requestedById: patient.userId!, allDocuments: true, permission: "READ", state: "ACTIVE", ...window }, select: { id: true } });
      await recordGrantAnchor(tx, { id: grant.id, patientId: patient.userId!, doctorId: granted.userId!, permission: "READ", allDocuments: true, documentIds: [], ...window });
    });
    await anchorPending();
    const get = (sessionId: string | undefined) => {
      beginRequest(sessionId, randomTestIp());
      return doctorExportGet(new Request(`http://localhost/api/export/patients/${patient.userId}`), { params: Promise.resolve({ patientId: patient.userId! }) });
    };
    expect((await get(undefined)).status).toBe(401);
    expect((await get(stranger.sessionId!)).status).toBe(404);
    expect((await get(patient.sessionId!)).status).toBe(404);
    const allowed = await get(granted.sessionId!);
    expect(allowed.status).toBe(200);
    await allowed.arrayBuffer();
  };
  checks["app/api/documents/[documentId]/receipt/route.ts#GET"] = async () => {
    const [owner, other] = [await createRealUser("patient", facilityId), await createRealUser("patient", facilityId)];
    const documentId = await storeTestDocument(owner.actor!, testPdf("matrix receipt"), { title: "Matrix receipt" });
    const get = (sessionId: string | undefined) => {
      beginRequest(sessionId, randomTestIp());
      return receiptGet(new Request(`http://localhost/api/documents/${documentId}/receipt`), { params: Promise.resolve({ documentId }) });
    };
    expect((await get(undefined)).status).toBe(401);
    expect((await get(other.sessionId!)).status).toBe(404);
    // Not on chain yet: there is nothing to prove.
    await db().anchor.updateMany({ where: { subjectId: documentId, state: "PENDING" }, data: { nextAttemptAt: new Date(Date.now() + 60_000) } });
    expect((await get(owner.sessionId!)).status).toBe(409);
    await db().anchor.updateMany({ where: { subjectId: documentId }, data: { nextAttemptAt: null } });
    await anchorPending();
    const allowed = await get(owner.sessionId!);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("content-disposition")).toMatch(/^attachment; filename=".+-receipt\.json"$/);
  };
  checks["app/api/rpc/route.ts#POST"] = async () => {
    const post = (method: string) =>
      rpcPost(new Request("http://localhost/api/rpc", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] }) }));
    expect(await (await post("eth_chainId")).json()).toMatchObject({ result: expect.stringMatching(/^0x/) });
    for (const method of ["eth_sendRawTransaction", "anvil_setBalance", "evm_mine"]) expect(await (await post(method)).json()).toMatchObject({ error: { code: -32601 } });
  };

  /** Public directory without a token; patient data only with a token, and only the token owner's. */
  checks["app/fhir/R4/[[...path]]/route.ts#GET"] = async () => {
    const [owner, other] = [await createRealUser("patient", facilityId), await createRealUser("patient", facilityId)];
    const created = await createAccessToken(other.actor, { name: "Matrix FHIR", scopes: ["patient/*.read"], expiresInDays: 1 });
    if (!created.ok) throw new Error(created.error.message);
    const get = (path: string[], token?: string) =>
      fhirGet(new Request(`http://localhost/fhir/R4/${path.join("/")}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({ path }) });
    expect((await get(["Practitioner"])).status).toBe(200);
    expect((await get(["Patient", owner.userId!])).status).toBe(401);
    expect((await get(["Patient", owner.userId!], created.value.secret)).status).toBe(404);
    expect((await get(["Patient", other.userId!], created.value.secret)).status).toBe(200);
  };
  for (const [method, handler] of Object.entries({ POST: fhirPost, PUT: fhirPut, PATCH: fhirPatch, DELETE: fhirDelete })) {
    checks[`app/fhir/R4/[[...path]]/route.ts#${method}`] = async () => {
      const response = handler();
      expect(response.status).toBe(405);
      expect(await response.json()).toMatchObject({ resourceType: "OperationOutcome", issue: [{ code: "not-supported" }] });
    };
  }

  checks["app/api/metrics/route.ts#GET"] = () => checkMetricsRoute(facilityId);

  for (const entry of publicEntries) {
    it(`${entry.file} ${entry.export} is public: ${entry.justification.split(".")[0]}`, async () => {
      expect(entry.justification.length).toBeGreaterThan(20);
      const check = checks[endpointKey(entry)];
      expect(check, `public endpoint ${endpointKey(entry)} needs its own assertion in this test`).toBeDefined();
      await check!();
    });
  }
});

describe("authorization matrix: static checks over app/", () => {
  const { endpoints, problems } = discoverEndpoints();
  const byKey = new Map(endpoints.map((e) => [endpointKey(e), e]));
  const describeEndpoint = (e: Endpoint) => `${endpointKey(e)} (${e.kind === "route" ? "route handler" : "server action"})`;

  it("finds the endpoints it should (sanity check of the parser)", () => {
    expect(problems).toEqual([]);
    expect(byKey.get("app/admin/doctors/actions.ts#decideDoctorAction")?.body).toContain("decideDoctor(");
    expect(byKey.get("app/api/health/route.ts#GET")?.kind).toBe("route");
    expect(byKey.get("app/api/auth/[...nextauth]/route.ts#POST")?.reexportedFrom).toBe("@/lib/auth/route-handlers");
  });

  it("has a matrix entry for every server action and route handler, and none for endpoints that no longer exist", () => {
    const listed = new Set(AUTHORIZATION_MATRIX.map(endpointKey));
    const missing = endpoints.filter((e) => !listed.has(endpointKey(e))).map(describeEndpoint);
    const stale = AUTHORIZATION_MATRIX.filter((e) => !byKey.has(endpointKey(e))).map(endpointKey);
    expect(
      missing,
      `Endpoints without an entry in scripts/test-support/authorization-matrix.ts (add one with the service it calls and the expected outcome per caller, or list it as public with a justification):\n  ${missing.join("\n  ")}`,
    ).toEqual([]);
    expect(stale, `Matrix entries for endpoints that no longer exist:\n  ${stale.join("\n  ")}`).toEqual([]);
    expect(new Set(AUTHORIZATION_MATRIX.map(endpointKey)).size, "each endpoint is listed once").toBe(AUTHORIZATION_MATRIX.length);
  });

  it("lists only server actions as protected actions and only route handlers as public routes", () => {
    for (const entry of AUTHORIZATION_MATRIX) {
      const endpoint = byKey.get(endpointKey(entry));
      if (!endpoint) continue;
      expect(endpoint.kind === "route", `${endpointKey(entry)} is a ${endpoint.kind}`).toBe(entry.kind === "public-route");
    }
  });

  it("has every protected action take its actor from currentActor() and pass it to the service it is listed with", () => {
    const offenders: string[] = [];
    for (const entry of protectedEntries) {
      const endpoint = byKey.get(endpointKey(entry));
      const source = readSource(entry.file);
      const call = `${entry.service.name}(await currentActor()`;
      if (!endpoint?.body?.includes(call)) offenders.push(`${endpointKey(entry)} must call \`${call}, ...)\``);
      if (!/import \{[^}]*\bcurrentActor\b[^}]*\} from "@\/lib\/auth\/current-actor";/.test(source)) offenders.push(`${entry.file} must import currentActor from @/lib/auth/current-actor`);
      if (!new RegExp(`import \\{[^}]*\\b${entry.service.name}\\b[^}]*\\} from "@/lib/`).test(source)) offenders.push(`${entry.file} must import ${entry.service.name} from a lib/ service`);
    }
    expect(offenders, offenders.join("\n")).toEqual([]);
  });

  it("has every public endpoint call the service it is listed with", () => {
    for (const entry of publicEntries) {
      const endpoint = byKey.get(endpointKey(entry));
      const text = endpoint?.body ?? (endpoint?.reexportedFrom ? `from "${endpoint.reexportedFrom}"` : "");
      expect(text, `${endpointKey(entry)} should contain ${entry.calls}`).toContain(entry.calls);
    }
  });

  it("has every protected service authorize with the rule it is listed with (or say why it needs none)", () => {
    for (const entry of protectedEntries) {
      const source = (entry.authorizedBy ?? entry.service).toString();
      if (entry.authorizedBy) expect(entry.service.toString(), `${entry.service.name} must call ${entry.authorizedBy.name}`).toMatch(new RegExp(`\\b${entry.authorizedBy.name}\\)?\\(`));
      if (entry.rule === null) {
        expect(entry.unauthorized?.length ?? 0, `${entry.service.name} makes no authorization check: say why`).toBeGreaterThan(20);
        expect(source).not.toMatch(/\bauthorize\)?\(/);
        continue;
      }
      expect(rules, `rule ${entry.rule} exists`).toHaveProperty([entry.rule]);
      const authorizer = (entry.authorizedBy ?? entry.service).name;
      expect(source, `${authorizer} must call authorize`).toMatch(/\bauthorize\)?\(/);
      expect(source, `${authorizer} must authorize "${entry.rule}"`).toContain(`"${entry.rule}"`);
    }
  });
});
