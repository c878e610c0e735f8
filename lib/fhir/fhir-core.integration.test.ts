/**
 * The FHIR API's plumbing against the suite's real Postgres: personal access tokens (created, scoped,
 * revoked, expired, suspended owner), the CapabilityStatement, public Practitioner search with paging
 * links, OperationOutcome errors with the right status, and the audit trail of FHIR reads.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import type { Bundle, CapabilityStatement, OperationOutcome, Practitioner } from "@medplum/fhirtypes";
import { GET, POST } from "@/app/fhir/R4/[[...path]]/route";
import { createAccessToken } from "@/lib/access-tokens/create-token";
import { listAccessTokens } from "@/lib/access-tokens/list-tokens";
import { revokeAccessToken } from "@/lib/access-tokens/revoke-token";
import { db } from "@/lib/db/client";
import { createAdmin, createPatient, createVerifiedDoctor, deleteTestData, type TestDoctor, type TestPatient } from "@/lib/testing/fixtures";

const ORIGIN = "http://fhir.test";
let patient: TestPatient;
let doctors: TestDoctor[];
const marker = `Fhircore${Date.now()}`;

beforeAll(async () => {
  patient = await createPatient();
  doctors = [];
  for (let i = 0; i < 3; i += 1) doctors.push(await createVerifiedDoctor({ name: `Dr ${marker} ${i}` }));
});

afterAll(deleteTestData);

async function fhirGet(path: string, token?: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const url = new URL(`${ORIGIN}/fhir/R4/${path}`);
  const segments = url.pathname.replace(/^\/fhir\/R4\/?/, "").split("/").filter(Boolean);
  const response = await GET(new Request(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({ path: segments }) });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

async function tokenFor(actor: TestPatient["actor"] | null, scopes: string[], expiresInDays = 30): Promise<{ id: string; secret: string }> {
  const created = await createAccessToken(actor, { name: "test client", scopes, expiresInDays });
  if (!created.ok) throw new Error(created.error.message);
  return { id: created.value.token.id, secret: created.value.secret };
}

describe("personal access tokens", () => {
  it("are created with the owner's scopes only, shown once and stored hashed", async () => {
    const token = await tokenFor(patient.actor, ["patient/*.read"]);
    expect(token.secret).toMatch(/^mat_[A-Za-z0-9_-]{43}$/);
    const row = await db().personalAccessToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).not.toContain(token.secret.slice(4));
    const listed = await listAccessTokens(patient.actor);
    expect(listed.ok && listed.value.tokens.find((t) => t.id === token.id)?.state).toBe("ACTIVE");
    expect(JSON.stringify(listed)).not.toContain(token.secret);

    const doctorScope = await createAccessToken(patient.actor, { name: "x", scopes: ["user/*.read"], expiresInDays: 30 });
    expect(doctorScope.ok ? null : doctorScope.error.fieldErrors?.scopes).toEqual(["Choose scopes from the list."]);
    const tooLong = await createAccessToken(patient.actor, { name: "x", scopes: ["patient/*.read"], expiresInDays: 91 });
    expect(tooLong.ok ? null : tooLong.error.fieldErrors?.expiresInDays).toEqual(["At most 90 days."]);
    const admin = await createAdmin();
    const adminToken = await createAccessToken(admin.actor, { name: "x", scopes: ["patient/*.read"], expiresInDays: 1 });
    expect(adminToken.ok ? null : adminToken.error.code).toBe("NOT_FOUND");
  });

  it("cannot be revoked by someone else, and a revoked or expired token is refused on the next request", async () => {
    const token = await tokenFor(patient.actor, ["patient/*.read"]);
    expect((await fhirGet("Patient", token.secret)).status).not.toBe(401);
    const foreign = await revokeAccessToken(doctors[0]!.actor, { tokenId: token.id });
    expect(foreign.ok ? null : foreign.error.code).toBe("NOT_FOUND");
    expect((await revokeAccessToken(patient.actor, { tokenId: token.id })).ok).toBe(true);
    const refused = await fhirGet("Practitioner", token.secret);
    expect(refused.status).toBe(401);
    expect((refused.body as OperationOutcome).issue[0]?.code).toBe("login");
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);

    const expiring = await tokenFor(patient.actor, ["patient/*.read"]);
    await db().personalAccessToken.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await fhirGet("Practitioner", expiring.secret)).status).toBe(401);
    expect((await fhirGet("Practitioner", "mat_forged")).status).toBe(401);
  });

  it("stop working when their doctor is suspended", async () => {
    const doctor = await createVerifiedDoctor();
    const token = await tokenFor(doctor.actor, ["user/*.read"]);
    expect((await fhirGet("Practitioner", token.secret)).status).toBe(200);
    await db().doctorProfile.update({ where: { userId: doctor.doctorId }, data: { verification: "SUSPENDED" } });
    expect((await fhirGet("Practitioner", token.secret)).status).toBe(401);
  });
});

describe("the FHIR API", () => {
  it("describes itself in a CapabilityStatement", async () => {
    const { status, body, headers } = await fhirGet("metadata");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^application\/fhir\+json/);
    const statement = body as CapabilityStatement;
    expect(statement.fhirVersion).toBe("4.0.1");
    expect(statement.rest?.[0]?.resource?.map((r) => r.type)).toContain("Practitioner");
  });

  it("lists verified doctors publicly, a page at a time, with next links", async () => {
    const first = await fhirGet(`Practitioner?name=${marker}&_count=2`);
    expect(first.status).toBe(200);
    const bundle = first.body as Bundle<Practitioner>;
    expect(bundle.total).toBe(3);
    expect(bundle.entry?.map((e) => e.resource?.name?.[0]?.text)).toEqual([`Dr ${marker} 0`, `Dr ${marker} 1`]);
    const next = bundle.link?.find((l) => l.relation === "next")?.url;
    expect(next).toBeDefined();
    const second = (await fhirGet(next!.slice(`${ORIGIN}/fhir/R4/`.length))).body as Bundle<Practitioner>;
    expect(second.entry?.map((e) => e.resource?.name?.[0]?.text)).toEqual([`Dr ${marker} 2`]);
    expect(second.link?.some((l) => l.relation === "next")).toBe(false);

    const read = await fhirGet(`Practitioner/${doctors[1]!.doctorId}`);
    expect((read.body as Practitioner).name?.[0]?.text).toBe(`Dr ${marker} 1`);
    expect(JSON.stringify(read.body)).not.toContain(doctors[1]!.user.email);
  });

  it("answers every error with an OperationOutcome and the right status", async () => {
    const cases: [string, number, string][] = [
      ["Practitioner/00000000-0000-4000-8000-000000000000", 404, "not-found"],
      [`Practitioner/${patient.user.id}`, 404, "not-found"],
      ["Practitioner?nonsense=1", 400, "invalid"],
      ["Practitioner?_count=1000", 400, "invalid"],
      ["Medication", 404, "not-supported"],
      ["", 404, "not-supported"],
      ["Patient", 401, "login"],
    ];
    for (const [path, status, code] of cases) {
      const response = await fhirGet(path);
      expect([path, response.status]).toEqual([path, status]);
      expect((response.body as OperationOutcome).resourceType).toBe("OperationOutcome");
      expect((response.body as OperationOutcome).issue[0]?.code).toBe(code);
    }
    const write = await POST();
    expect(write.status).toBe(405);
  });

  it("refuses a token whose scopes leave out the type, and audits it", async () => {
    const token = await tokenFor(patient.actor, ["patient/Appointment.read"]);
    const response = await fhirGet("DocumentReference", token.secret);
    expect(response.status).toBe(403);
    expect((response.body as OperationOutcome).issue[0]?.diagnostics).toMatch(/scopes/);
    const audit = await db().auditEvent.findFirst({ where: { actorId: patient.user.id, action: "fhir.search", outcome: "DENY" }, orderBy: { id: "desc" } });
    expect(audit?.subjectType).toBe("DocumentReference");
  });
});
