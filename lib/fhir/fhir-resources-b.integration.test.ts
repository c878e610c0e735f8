/**
 * DocumentReference, Consent, AuditEvent and Provenance through the FHIR route against the suite's real
 * Postgres, S3 server and anvil: what the patient, a granted doctor, an ungranted doctor and a doctor
 * whose grant is revoked see; search parameters; and the attachment link (exact bytes for its user,
 * refused when tampered, expired, moved to another document or after the grant is revoked).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import type { AuditEvent, Bundle, Consent, DocumentReference, Extension, OperationOutcome, Provenance, Resource } from "@medplum/fhirtypes";
import { GET as contentGet } from "@/app/api/documents/[documentId]/content/route";
import { db } from "@/lib/db/client";
import { signContentLink } from "@/lib/documents/content-link";
import { serverEnv } from "@/lib/env";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { deleteTestData } from "@/lib/testing/fixtures";
import { beginRequest } from "@/scripts/test-support/request-scope";
import { fhirGet, seedRecord, tokenFor, type SeededRecord } from "./fhir-test-support";
import { CHAIN_ANCHOR_EXTENSION } from "./resources/chain-anchor";

let seed: SeededRecord;
const tokens = { patient: "", granted: "", revoked: "", ungranted: "", otherPatient: "" };

beforeAll(async () => {
  seed = await seedRecord(`Fhirb${Date.now()}`);
  tokens.patient = await tokenFor(seed.patient.actor);
  tokens.otherPatient = await tokenFor(seed.otherPatient.actor);
  tokens.granted = await tokenFor(seed.grantedDoctor.actor);
  tokens.revoked = await tokenFor(seed.revokedDoctor.actor);
  tokens.ungranted = await tokenFor(seed.ungrantedDoctor.actor);
});

afterAll(deleteTestData);

async function search<T extends Resource>(path: string, token: string): Promise<Bundle<T>> {
  const { status, body } = await fhirGet<Bundle<T>>(path, token);
  expect([path, status]).toEqual([path, 200]);
  return body;
}

const ids = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource!.id!).sort();
const anchorPart = (extensions: Extension[] | undefined, url: string) => extensions?.find((e) => e.url === CHAIN_ANCHOR_EXTENSION)?.extension?.find((e) => e.url === url);

async function download(url: string) {
  beginRequest(undefined);
  const parsed = new URL(url);
  const documentId = parsed.pathname.split("/")[3]!;
  const response = await contentGet(new Request(parsed), { params: Promise.resolve({ documentId }) });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe("DocumentReference", () => {
  it("shows the patient and a doctor with an all-documents grant every stored document, and nobody else's", async () => {
    const stored = [...Object.values(seed.documents), seed.doctorUpload, seed.pendingDocument].sort();
    expect(ids(await search("DocumentReference?_count=100", tokens.patient))).toEqual(stored);
    expect(ids(await search("DocumentReference?_count=100", tokens.granted))).toEqual(stored);
    expect(ids(await search(`DocumentReference?patient=Patient/${seed.patient.user.id}&_count=100`, tokens.granted))).toEqual(stored);
    expect(ids(await search("DocumentReference", tokens.ungranted))).toEqual([]);
    expect(ids(await search("DocumentReference", tokens.otherPatient))).toEqual([seed.otherPatientsDocument]);
    for (const [token, id, status] of [
      [tokens.patient, seed.deletedDocument, 404],
      [tokens.patient, seed.otherPatientsDocument, 404],
      [tokens.ungranted, seed.documents.LAB_RESULT, 404],
      [tokens.granted, seed.otherPatientsDocument, 404],
      [tokens.granted, seed.documents.OTHER, 200],
    ] as const) {
      const read = await fhirGet<DocumentReference | OperationOutcome>(`DocumentReference/${id}`, token);
      expect([id, read.status, read.body.resourceType]).toEqual([id, status, status === 200 ? "DocumentReference" : "OperationOutcome"]);
    }
  });

  it("maps kind, author, dates, the attachment and the anchor", async () => {
    const lab = (await fhirGet<DocumentReference>(`DocumentReference/${seed.documents.LAB_RESULT}`, tokens.patient)).body;
    const row = await db().document.findUniqueOrThrow({ where: { id: seed.documents.LAB_RESULT } });
    const anchor = await db().anchor.findFirstOrThrow({ where: { kind: "DOCUMENT", action: "RECORD", subjectId: row.id } });
    expect(lab).toMatchObject({
      status: "current",
      type: { coding: [{ code: "LAB_RESULT" }, { system: "http://loinc.org", code: "11502-2" }] },
      subject: { reference: `Patient/${seed.patient.user.id}` },
      author: [{ reference: `Patient/${seed.patient.user.id}` }],
      date: row.storedAt!.toISOString(),
      description: row.title,
      context: { period: { start: "2026-11-20" } },
      content: [{ attachment: { contentType: "application/pdf", size: Number(row.size), title: row.title } }],
    });
    expect(lab.content[0]?.attachment.hash).toBeUndefined();
    expect(anchorPart(lab.extension, "sha256")?.valueString).toBe(row.sha256);
    expect(anchorPart(lab.extension, "state")?.valueCode).toBe("confirmed");
    expect(anchorPart(lab.extension, "anchorId")?.valueString).toBe(anchor.anchorId);
    expect(anchorPart(lab.extension, "txHash")?.valueString).toBe(anchor.txHash);
    expect(anchorPart(lab.extension, "blockNumber")?.valueString).toBe(anchor.blockNumber!.toString());
    expect(anchorPart(lab.extension, "chainId")?.valueInteger).toBe(serverEnv().chain.chainId);
    expect(anchorPart(lab.extension, "contract")?.valueString).toBe(serverEnv().chain.contractAddress);

    const letter = (await fhirGet<DocumentReference>(`DocumentReference/${seed.doctorUpload}`, tokens.granted)).body;
    expect(letter.author).toEqual([{ reference: `Practitioner/${seed.grantedDoctor.doctorId}` }]);
    expect(letter.type?.coding?.map((c) => c.system)).toEqual(["https://medanchor.example/fhir/CodeSystem/document-kind"]);

    const pending = (await fhirGet<DocumentReference>(`DocumentReference/${seed.pendingDocument}`, tokens.patient)).body;
    expect(anchorPart(pending.extension, "state")?.valueCode).toBe("pending");
    expect(anchorPart(pending.extension, "txHash")).toBeUndefined();
  });

  it("searches by type, date, id and patient, a page at a time", async () => {
    expect(ids(await search("DocumentReference?type=LAB_RESULT", tokens.patient))).toEqual([seed.documents.LAB_RESULT]);
    expect(ids(await search("DocumentReference?type=http://loinc.org|18748-4", tokens.patient))).toEqual([seed.documents.IMAGING, seed.pendingDocument].sort());
    expect(ids(await search("DocumentReference?type=REPORT,PRESCRIPTION", tokens.granted))).toEqual([seed.documents.REPORT, seed.documents.PRESCRIPTION, seed.doctorUpload].sort());
    expect(ids(await search(`DocumentReference?_id=${seed.documents.REFERRAL}`, tokens.patient))).toEqual([seed.documents.REFERRAL]);
    expect(ids(await search(`DocumentReference?patient=Patient/${seed.otherPatient.user.id}`, tokens.patient))).toEqual([]);
    const pendingStoredAt = (await db().document.findUniqueOrThrow({ where: { id: seed.pendingDocument } })).storedAt!;
    expect(ids(await search(`DocumentReference?date=ge${pendingStoredAt.toISOString()}`, tokens.patient))).toEqual([seed.pendingDocument]);
    expect((await search(`DocumentReference?date=lt${pendingStoredAt.toISOString()}&_count=0`, tokens.patient)).total).toBe(7);
    expect((await fhirGet("DocumentReference?date=yesterday", tokens.patient)).status).toBe(400);
    expect((await fhirGet("DocumentReference?title=x", tokens.patient)).status).toBe(400);

    const first = await search<DocumentReference>("DocumentReference?_count=5", tokens.patient);
    expect([first.total, first.entry?.length]).toEqual([8, 5]);
    const next = first.link?.find((l) => l.relation === "next")?.url;
    const second = await search<DocumentReference>(next!, tokens.patient);
    expect(second.entry?.length).toBe(3);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(8);
  });

  it("links to the exact bytes for five minutes, for the caller only", async () => {
    for (const [token, id] of [
      [tokens.patient, seed.documents.PRESCRIPTION],
      [tokens.granted, seed.doctorUpload],
    ] as const) {
      const reference = (await fhirGet<DocumentReference>(`DocumentReference/${id}`, token)).body;
      const url = reference.content[0]!.attachment.url!;
      expect(url.startsWith(`http://fhir.test/api/documents/${id}/content?link=`)).toBe(true);
      const fetched = await download(url);
      expect(fetched.status).toBe(200);
      expect(fetched.bytes.equals(seed.bytes.get(id)!)).toBe(true);
    }
    const audit = await db().auditEvent.findFirst({ where: { actorId: seed.grantedDoctor.doctorId, action: "document.download", subjectId: seed.doctorUpload }, orderBy: { id: "desc" } });
    expect(audit?.outcome).toBe("ALLOW");

    const id = seed.documents.PRESCRIPTION;
    const link = signContentLink(seed.patient.user.id, id);
    const base = `http://fhir.test/api/documents/${id}/content?link=`;
    const tampered = `${link.slice(0, 5)}${link[5] === "A" ? "B" : "A"}${link.slice(6)}`;
    expect((await download(base + tampered)).status).toBe(401);
    expect((await download(base + signContentLink(seed.patient.user.id, id, -1))).status).toBe(401);
    expect((await download(`http://fhir.test/api/documents/${seed.documents.REPORT}/content?link=${link}`)).status).toBe(401);
    // A link made for someone without access opens nothing: the access check runs on the request.
    expect((await download(base + signContentLink(seed.ungrantedDoctor.doctorId, id))).status).toBe(404);
    expect((await download(base + signContentLink(seed.otherPatient.user.id, id))).status).toBe(404);
  });
});

describe("a revoked grant", () => {
  it("hides the documents, their provenance and the attachment link on the next request", async () => {
    const lab = seed.documents.LAB_RESULT;
    expect(ids(await search("DocumentReference", tokens.revoked))).toEqual([lab]);
    expect(ids(await search("Provenance", tokens.revoked))).toEqual([lab]);
    const url = (await fhirGet<DocumentReference>(`DocumentReference/${lab}`, tokens.revoked)).body.content[0]!.attachment.url!;
    expect((await revokeGrant(seed.patient.actor, { grantId: seed.grants.listed })).ok).toBe(true);
    expect(ids(await search("DocumentReference", tokens.revoked))).toEqual([]);
    expect(ids(await search("Provenance", tokens.revoked))).toEqual([]);
    expect((await fhirGet(`DocumentReference/${lab}`, tokens.revoked)).status).toBe(404);
    expect((await fhirGet(`Provenance/${lab}`, tokens.revoked)).status).toBe(404);
    expect((await download(url)).status).toBe(404);
    const consent = (await fhirGet<Consent>(`Consent/${seed.grants.listed}`, tokens.revoked)).body;
    expect(consent.status).toBe("inactive");
  });
});

describe("Consent", () => {
  it("maps every grant state and shows each party only their own grants", async () => {
    const all = await search<Consent>("Consent?_count=100", tokens.patient);
    const byId = new Map((all.entry ?? []).map((e) => [e.resource!.id!, e.resource!]));
    expect(Object.fromEntries(Object.entries(seed.grants).map(([name, id]) => [name, byId.get(id)?.status]))).toEqual({
      active: "active",
      listed: "inactive",
      requested: "proposed",
      denied: "rejected",
      expired: "inactive",
    });
    expect(all.total).toBe(5);
    const active = byId.get(seed.grants.active)!;
    const grant = await db().accessGrant.findUniqueOrThrow({ where: { id: seed.grants.active } });
    expect(active).toMatchObject({
      patient: { reference: `Patient/${seed.patient.user.id}` },
      scope: { coding: [{ code: "patient-privacy" }] },
      provision: { type: "permit", period: { start: grant.notBefore!.toISOString(), end: grant.notAfter!.toISOString() }, actor: [{ reference: { reference: `Practitioner/${seed.grantedDoctor.doctorId}` } }] },
    });
    expect(active.provision?.action?.map((a) => a.coding?.[0]?.code)).toEqual(["access", "correct"]);
    expect(active.provision?.data).toBeUndefined();
    expect(byId.get(seed.grants.expired)!.provision?.data?.map((d) => d.reference.reference).sort()).toEqual([`DocumentReference/${seed.documents.IMAGING}`, `DocumentReference/${seed.documents.REPORT}`].sort());
    expect(byId.get(seed.grants.requested)!.provision?.period).toBeUndefined();

    expect(ids(await search("Consent", tokens.granted))).toEqual([seed.grants.active]);
    expect(ids(await search("Consent", tokens.ungranted))).toEqual([seed.grants.requested]);
    expect(ids(await search("Consent", tokens.otherPatient))).toEqual([]);
    expect((await fhirGet(`Consent/${seed.grants.active}`, tokens.ungranted)).status).toBe(404);
    expect((await fhirGet(`Consent/${seed.grants.active}`, tokens.otherPatient)).status).toBe(404);
    expect((await fhirGet(`Consent/${seed.grants.active}`, tokens.granted)).status).toBe(200);
  });

  it("searches by status, actor, patient and id", async () => {
    expect(ids(await search("Consent?status=inactive", tokens.patient))).toEqual([seed.grants.listed, seed.grants.expired].sort());
    expect(ids(await search("Consent?status=proposed,rejected", tokens.patient))).toEqual([seed.grants.requested, seed.grants.denied].sort());
    expect(ids(await search("Consent?status=draft", tokens.patient))).toEqual([]);
    expect(ids(await search(`Consent?actor=Practitioner/${seed.deniedDoctor.doctorId}`, tokens.patient))).toEqual([seed.grants.denied]);
    expect(ids(await search(`Consent?patient=Patient/${seed.patient.user.id}`, tokens.granted))).toEqual([seed.grants.active]);
    expect(ids(await search(`Consent?patient=Patient/${seed.otherPatient.user.id}`, tokens.granted))).toEqual([]);
    expect(ids(await search(`Consent?actor=Practitioner/${seed.deniedDoctor.doctorId}`, tokens.granted))).toEqual([]);
    expect(ids(await search(`Consent?_id=${seed.grants.expired},${seed.grants.active}`, tokens.patient))).toEqual([seed.grants.expired, seed.grants.active].sort());
  });
});

describe("AuditEvent", () => {
  it("is the patient's own access log, refusals included, and nobody else's", async () => {
    const log = await search<AuditEvent>("AuditEvent?_count=100", tokens.patient);
    const entries = (log.entry ?? []).map((e) => e.resource!);
    const refusal = entries.find((e) => e.subtype?.[0]?.code === "authz.deny" && e.agent[0]?.who?.reference === `Practitioner/${seed.ungrantedDoctor.doctorId}` && e.entity?.[0]?.what?.reference === `DocumentReference/${seed.documents.LAB_RESULT}`);
    expect(refusal).toMatchObject({ outcome: "4", action: "R", outcomeDesc: expect.stringMatching(/Refused/) });
    const download = entries.find((e) => e.subtype?.[0]?.code === "document.download" && e.agent[0]?.who?.reference === `Practitioner/${seed.grantedDoctor.doctorId}`);
    expect(download).toMatchObject({ outcome: "0", action: "R", agent: [{ requestor: true }], source: { observer: { display: "MedAnchor" } } });
    const revoke = entries.find((e) => e.subtype?.[0]?.code === "grant.revoke");
    expect(revoke).toMatchObject({ action: "U", agent: [{ who: { reference: `Patient/${seed.patient.user.id}` } }], entity: [{ what: { reference: `Consent/${seed.grants.listed}` } }] });
    expect(entries.some((e) => e.entity?.[0]?.what?.reference === `DocumentReference/${seed.otherPatientsDocument}`)).toBe(false);

    const read = await fhirGet<AuditEvent>(`AuditEvent/${refusal!.id}`, tokens.patient);
    expect(read.body).toEqual(refusal);
    expect((await fhirGet(`AuditEvent/${refusal!.id}`, tokens.otherPatient)).status).toBe(404);
    expect((await fhirGet(`AuditEvent/${refusal!.id}`, tokens.granted)).status).toBe(404);
    expect((await search("AuditEvent", tokens.granted)).total).toBe(0);
    expect((await search("AuditEvent", tokens.otherPatient)).entry?.some((e) => e.resource!.id === refusal!.id) ?? false).toBe(false);
  });

  it("searches by date, id and patient", async () => {
    const all = await search<AuditEvent>("AuditEvent?_count=100", tokens.patient);
    const latest = all.entry![0]!.resource!;
    expect(ids(await search(`AuditEvent?date=ge${latest.recorded}`, tokens.patient))).toContain(latest.id);
    expect((await search(`AuditEvent?date=gt${new Date(Date.now() + 60_000).toISOString()}`, tokens.patient)).total).toBe(0);
    expect(ids(await search(`AuditEvent?_id=${latest.id}`, tokens.patient))).toEqual([latest.id]);
    expect((await search(`AuditEvent?patient=Patient/${seed.patient.user.id}&_count=0`, tokens.patient)).total).toBe(all.total);
    expect((await search(`AuditEvent?patient=Patient/${seed.otherPatient.user.id}`, tokens.patient)).total).toBe(0);
  });
});

describe("Provenance", () => {
  it("records the anchoring of every confirmed document the caller may see", async () => {
    const confirmed = [...Object.values(seed.documents), seed.doctorUpload].sort();
    expect(ids(await search("Provenance?_count=100", tokens.patient))).toEqual(confirmed);
    expect(ids(await search("Provenance?_count=100", tokens.granted))).toEqual(confirmed);
    expect(ids(await search("Provenance", tokens.ungranted))).toEqual([]);
    expect((await fhirGet(`Provenance/${seed.pendingDocument}`, tokens.patient)).status).toBe(404);
    expect((await fhirGet(`Provenance/${seed.documents.OTHER}`, tokens.otherPatient)).status).toBe(404);

    const provenance = (await fhirGet<Provenance>(`Provenance/${seed.documents.IMAGING}`, tokens.patient)).body;
    const anchor = await db().anchor.findFirstOrThrow({ where: { kind: "DOCUMENT", action: "RECORD", subjectId: seed.documents.IMAGING } });
    expect(provenance).toMatchObject({ target: [{ reference: `DocumentReference/${seed.documents.IMAGING}` }], recorded: anchor.blockTime!.toISOString(), agent: [{ who: { display: "MedAnchor anchoring service" } }] });
    expect(anchorPart(provenance.extension, "txHash")?.valueString).toBe(anchor.txHash);

    expect(ids(await search(`Provenance?target=DocumentReference/${seed.documents.REFERRAL}`, tokens.granted))).toEqual([seed.documents.REFERRAL]);
    expect(ids(await search(`Provenance?target=DocumentReference/${seed.otherPatientsDocument}`, tokens.patient))).toEqual([]);
    expect(ids(await search(`Provenance?patient=Patient/${seed.patient.user.id}&_id=${seed.doctorUpload}`, tokens.granted))).toEqual([seed.doctorUpload]);
  });
});
