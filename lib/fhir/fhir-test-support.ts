/**
 * Shared by the FHIR integration tests: a GET straight into the route handler, personal access tokens,
 * and one seeded patient record with every case the API maps (each document kind, a doctor's upload,
 * anchored and pending documents, a deleted one, grants in every state, refused attempts in the log).
 * Test files importing it mock Auth.js and next/headers first (see lib/testing/fixtures.ts).
 */
import type { Resource } from "@medplum/fhirtypes";
import { GET } from "@/app/fhir/R4/[[...path]]/route";
import { createAccessToken } from "@/lib/access-tokens/create-token";
import { anchorPending } from "@/lib/anchors/anchor-worker";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { deleteDocument } from "@/lib/documents/delete-document";
import { DOCUMENT_KINDS } from "@/lib/documents/open-upload";
import { openDocumentContent } from "@/lib/documents/open-content";
import { createGrant } from "@/lib/grants/create-grant";
import { decideAccessRequest } from "@/lib/grants/decide-request";
import { requestAccess } from "@/lib/grants/request-access";
import type { DocumentKind } from "@/lib/db/generated/enums";
import { createPatient, createVerifiedDoctor, storeTestDocument, testPdf, type TestDoctor, type TestPatient } from "@/lib/testing/fixtures";

export const ORIGIN = "http://fhir.test";

export async function fhirGet<T = Resource>(path: string, token?: string): Promise<{ status: number; body: T; headers: Headers }> {
  const url = new URL(path.startsWith("http") ? path : `${ORIGIN}/fhir/R4/${path}`);
  const segments = url.pathname.replace(/^\/fhir\/R4\/?/, "").split("/").filter(Boolean);
  const response = await GET(new Request(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({ path: segments }) });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

export async function tokenFor(actor: Actor, scopes: string[] = [actor.role === "PATIENT" ? "patient/*.read" : "user/*.read"]): Promise<string> {
  const created = await createAccessToken(actor, { name: "test client", scopes, expiresInDays: 30 });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.secret;
}

const until = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export interface SeededRecord {
  patient: TestPatient;
  otherPatient: TestPatient;
  /** All documents, READ_WRITE: uploaded one document for the patient. */
  grantedDoctor: TestDoctor & { actor: Actor };
  /** Only the lab result, READ; the test revokes it. */
  revokedDoctor: TestDoctor & { actor: Actor };
  /** Asked for access and is still waiting; was refused a document. */
  ungrantedDoctor: TestDoctor & { actor: Actor };
  deniedDoctor: TestDoctor & { actor: Actor };
  expiredDoctor: TestDoctor & { actor: Actor };
  documents: Record<DocumentKind, string>;
  bytes: Map<string, Buffer>;
  doctorUpload: string;
  pendingDocument: string;
  deletedDocument: string;
  otherPatientsDocument: string;
  grants: { active: string; listed: string; requested: string; denied: string; expired: string };
}

export async function seedRecord(label: string): Promise<SeededRecord> {
  const patient = await createPatient({ name: `${label} Patient` });
  const otherPatient = await createPatient();
  const doctor = async (name: string) => {
    const created = await createVerifiedDoctor({ name: `Dr ${label} ${name}` });
    if (!created.actor) throw new Error("fixture doctor without actor");
    return created as TestDoctor & { actor: Actor };
  };
  const [grantedDoctor, revokedDoctor, ungrantedDoctor, deniedDoctor, expiredDoctor] = [await doctor("Granted"), await doctor("Revoked"), await doctor("Ungranted"), await doctor("Denied"), await doctor("Expired")];
  const bytes = new Map<string, Buffer>();
  const upload = async (actor: Actor, kind: DocumentKind, title: string, patientId?: string) => {
    const content = testPdf(title);
    const id = await storeTestDocument(actor, content, { title, kind, serviceDate: "2026-11-20", ...(patientId ? { patientId } : {}) });
    bytes.set(id, content);
    return id;
  };
  const documents = {} as Record<DocumentKind, string>;
  for (const kind of DOCUMENT_KINDS) documents[kind] = await upload(patient.actor, kind, `${label} ${kind.toLowerCase()}`);
  const deletedDocument = await upload(patient.actor, "OTHER", `${label} withdrawn`);
  must(await deleteDocument(patient.actor, { documentId: deletedDocument }));
  const otherPatientsDocument = await upload(otherPatient.actor, "LAB_RESULT", `${label} someone else's`);

  const active = must(await createGrant(patient.actor, { doctorId: grantedDoctor.doctorId, allDocuments: true, documentIds: [], permission: "READ_WRITE", until: until(30) })).grantId;
  const listed = must(await createGrant(patient.actor, { doctorId: revokedDoctor.doctorId, allDocuments: false, documentIds: [documents.LAB_RESULT], permission: "READ", until: until(30) })).grantId;
  const expired = must(await createGrant(patient.actor, { doctorId: expiredDoctor.doctorId, allDocuments: false, documentIds: [documents.IMAGING, documents.REPORT], permission: "READ", until: until(30) })).grantId;
  // What the expiry job leaves behind once the window has passed.
  await db().accessGrant.update({ where: { id: expired }, data: { state: "EXPIRED", notBefore: new Date(Date.now() - 2 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000), endedAt: new Date() } });
  for (const asking of [ungrantedDoctor, deniedDoctor]) await db().doctorPatient.create({ data: { doctorId: asking.doctorId, patientId: patient.user.id } });
  const ask = (actor: Actor) => requestAccess(actor, { patientId: patient.user.id, reason: "Follow-up of your results", allDocuments: true, permission: "READ", durationDays: 7 });
  const requested = must(await ask(ungrantedDoctor.actor)).grantId;
  const denied = must(await ask(deniedDoctor.actor)).grantId;
  must(await decideAccessRequest(patient.actor, { decision: "deny", grantId: denied }));
  await anchorPending();

  const doctorUpload = await upload(grantedDoctor.actor, "REPORT", `${label} discharge letter`, patient.user.id);
  await anchorPending();
  // A refused attempt, as the patient's access log records it (authz.deny, outcome DENY).
  const refused = await openDocumentContent(ungrantedDoctor.actor, documents.LAB_RESULT);
  if (refused.ok) throw new Error("an ungranted doctor opened a document");
  // Stored after the last anchoring run: its anchor stays pending.
  const pendingDocument = await upload(patient.actor, "IMAGING", `${label} fresh scan`);

  return {
    patient,
    otherPatient,
    grantedDoctor,
    revokedDoctor,
    ungrantedDoctor,
    deniedDoctor,
    expiredDoctor,
    documents,
    bytes,
    doctorUpload,
    pendingDocument,
    deletedDocument,
    otherPatientsDocument,
    grants: { active, listed, requested, denied, expired },
  };
}
