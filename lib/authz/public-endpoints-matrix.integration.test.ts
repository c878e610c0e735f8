/**
 * The authorization matrix's public endpoints (scripts/test-support/authorization-matrix/) against real
 * users in Postgres: each endpoint anyone may reach gets its own assertion that the service behind it
 * still authorizes (or why it needs not).
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
import { db } from "@/lib/db/client";
import { storeTestDocument, testPdf } from "@/lib/testing/fixtures";
import { endpointKey, readSource } from "@/scripts/test-support/app-endpoints";
import { AUTHORIZATION_MATRIX, type PublicEntry } from "@/scripts/test-support/authorization-matrix";
import { FIXTURE_PASSWORD, createRealUser, createTestFacility, deleteRealUsers, trackCreated, uniqueNlLicenseNumber } from "@/scripts/test-support/real-actors";
import { checkMetricsRoute } from "@/scripts/test-support/metrics-matrix-check";
import { beginRequest, randomTestIp } from "@/scripts/test-support/request-scope";

const run = randomUUID().slice(0, 8);
let facilityId: string;

const publicEntries = AUTHORIZATION_MATRIX.filter((e): e is PublicEntry => e.kind !== "action");

beforeAll(async () => {
  facilityId = await createTestFacility(`Public Matrix Clinic ${run}`);
});

afterAll(async () => {
  await deleteRealUsers();
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
