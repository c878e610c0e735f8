/**
 * The FHIR API driven over real HTTP by a client library nobody here wrote (fhir-kit-client): the
 * route handlers behind a small node:http server on a free port, the way Next.js serves them. The client
 * reads the CapabilityStatement, searches the directory, follows `next` links through a patient's
 * appointments and documents, downloads an attachment by its short-lived URL and checks its SHA-256,
 * and gets OperationOutcomes with 401, 403 and 404.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import type { Appointment, Bundle, CapabilityStatement, DocumentReference, OperationOutcome, Patient, Practitioner, Resource } from "@medplum/fhirtypes";
import { Client } from "fhir-kit-client";
import { GET as documentContentGet } from "@/app/api/documents/[documentId]/content/route";
import { GET as fhirGet } from "@/app/fhir/R4/[[...path]]/route";
import { createAccessToken } from "@/lib/access-tokens/create-token";
import { revokeAccessToken } from "@/lib/access-tokens/revoke-token";
import { anchorPending } from "@/lib/anchors/anchor-worker";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { createGrant } from "@/lib/grants/create-grant";
import { createPatient, createVerifiedDoctor, deleteTestData, storeTestDocument, testPdf, type TestDoctor, type TestPatient } from "@/lib/testing/fixtures";

const marker = `Fhirkit${Date.now()}`;
let server: Server;
let baseUrl: string;
let patient: TestPatient;
let otherPatient: TestPatient;
let doctor: TestDoctor & { actor: Actor };
const documentBytes = new Map<string, Buffer>();
const appointmentIds: string[] = [];
let otherAppointment: string;
let otherDocument: string;

/** IncomingMessage → web Request → the route's GET → the Response streamed back, as Next.js does it. */
async function serve(incoming: IncomingMessage, outgoing: ServerResponse) {
  const url = new URL(incoming.url ?? "/", baseUrl);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) for (const one of [value ?? []].flat()) headers.append(name, one);
  const request = new Request(url, { method: incoming.method, headers });
  const content = /^\/api\/documents\/([^/]+)\/content$/.exec(url.pathname);
  let response: Response;
  if (incoming.method !== "GET") response = new Response(null, { status: 405 });
  else if (url.pathname === "/fhir/R4" || url.pathname.startsWith("/fhir/R4/")) {
    const path = url.pathname.slice("/fhir/R4".length).split("/").filter(Boolean).map(decodeURIComponent);
    response = await fhirGet(request, { params: Promise.resolve({ path }) });
  } else if (content) response = await documentContentGet(request, { params: Promise.resolve({ documentId: decodeURIComponent(content[1]!) }) });
  else response = new Response(null, { status: 404 });
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) await pipeline(Readable.fromWeb(response.body as WebReadableStream), outgoing);
  else outgoing.end();
}

async function tokenFor(actor: Actor, scopes: string[]): Promise<{ id: string; secret: string }> {
  const created = await createAccessToken(actor, { name: "fhir-kit-client", scopes, expiresInDays: 7 });
  if (!created.ok) throw new Error(created.error.message);
  return { id: created.value.token.id, secret: created.value.secret };
}

const clientWith = (secret?: string) => new Client({ baseUrl: `${baseUrl}/fhir/R4`, customHeaders: secret ? { Authorization: `Bearer ${secret}` } : {} });

/** fhir-kit-client types its answers loosely (FhirResource); these name what each call returns. */
async function searchBundle<T extends Resource>(client: Client, resourceType: T["resourceType"], searchParams: Record<string, string | number> = {}): Promise<Bundle<T>> {
  return (await client.search({ resourceType, searchParams })) as unknown as Bundle<T>;
}

async function readAs<T extends Resource>(client: Client, resourceType: T["resourceType"], id: string): Promise<T> {
  return (await client.read({ resourceType, id })) as unknown as T;
}

/** Every page of a search, following the server's `next` links through the client. */
async function allPages<T extends Resource>(client: Client, first: Bundle<T>): Promise<{ resources: T[]; pages: number }> {
  const resources: T[] = [];
  let pages = 0;
  for (let bundle: Bundle<T> | undefined = first; bundle; ) {
    pages += 1;
    resources.push(...(bundle.entry ?? []).map((e) => e.resource!));
    const next = client.nextPage({ bundle: bundle as never });
    bundle = next ? ((await next) as unknown as Bundle<T>) : undefined;
  }
  return { resources, pages };
}

/** The OperationOutcome and status a refused request answers with, as the client reports them. */
async function refusal(request: Promise<unknown>): Promise<{ status: number; outcome: OperationOutcome }> {
  const error = await request.then(
    () => null,
    (e: unknown) => e as { response?: { status: number; data: OperationOutcome } },
  );
  if (!error?.response) throw new Error("expected the server to refuse the request");
  return { status: error.response.status, outcome: error.response.data };
}

beforeAll(async () => {
  server = createServer((incoming, outgoing) => {
    serve(incoming, outgoing).catch((error: unknown) => {
      outgoing.statusCode = 500;
      outgoing.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  patient = await createPatient({ name: `${marker} Patient` });
  otherPatient = await createPatient();
  doctor = (await createVerifiedDoctor({ name: `Dr ${marker}` })) as TestDoctor & { actor: Actor };
  await createVerifiedDoctor({ name: `Dr ${marker} Second` });
  await createVerifiedDoctor({ name: `Dr ${marker} Third` });
  for (let i = 0; i < 3; i += 1) {
    const bytes = testPdf(`${marker} ${i}`);
    documentBytes.set(await storeTestDocument(patient.actor, bytes, { title: `${marker} report ${i}` }), bytes);
  }
  otherDocument = await storeTestDocument(otherPatient.actor, testPdf("other"));
  const appointment = async (who: TestPatient, days: number) =>
    (
      await db().appointment.create({
        data: { patientId: who.user.id, doctorId: doctor.doctorId, startsAt: new Date(Date.now() + days * 86_400_000), endsAt: new Date(Date.now() + days * 86_400_000 + 1_800_000), idempotencyKey: randomUUID() },
        select: { id: true },
      })
    ).id;
  for (const days of [2, 3, 4]) appointmentIds.push(await appointment(patient, days));
  otherAppointment = await appointment(otherPatient, 5);
  const granted = await createGrant(patient.actor, { doctorId: doctor.doctorId, allDocuments: true, documentIds: [], permission: "READ", until: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) });
  if (!granted.ok) throw new Error(granted.error.message);
  await anchorPending();
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await deleteTestData();
});

describe("fhir-kit-client against the API", () => {
  it("reads the CapabilityStatement and searches practitioners without a token", async () => {
    const client = clientWith();
    const statement = (await client.capabilityStatement()) as unknown as CapabilityStatement;
    expect(statement.resourceType).toBe("CapabilityStatement");
    expect(statement.fhirVersion).toBe("4.0.1");
    expect(statement.rest?.[0]?.resource?.map((r) => r.type)).toEqual(expect.arrayContaining(["Practitioner", "Patient", "Appointment", "DocumentReference"]));

    const first = await searchBundle<Practitioner>(client, "Practitioner", { name: marker, _count: 2 });
    expect(first.total).toBe(3);
    const { resources, pages } = await allPages(client, first);
    expect(pages).toBe(2);
    expect(resources.map((p) => p.name?.[0]?.text)).toEqual([`Dr ${marker}`, `Dr ${marker} Second`, `Dr ${marker} Third`]);
  });

  it("reads a patient's appointments and document references page by page, and downloads an attachment", async () => {
    const client = clientWith((await tokenFor(patient.actor, ["patient/*.read"])).secret);
    const self = await readAs<Patient>(client, "Patient", patient.user.id);
    expect(self.identifier?.[0]?.value).toBe(patient.publicId);

    const appointments = await allPages(client, await searchBundle<Appointment>(client, "Appointment", { patient: `Patient/${patient.user.id}`, _count: 2 }));
    expect(appointments.pages).toBe(2);
    expect(appointments.resources.map((a) => a.id)).toEqual(appointmentIds);

    const documents = await allPages(client, await searchBundle<DocumentReference>(client, "DocumentReference", { patient: `Patient/${patient.user.id}`, _count: 2 }));
    expect(documents.pages).toBe(2);
    expect(documents.resources.map((d) => d.id).sort()).toEqual([...documentBytes.keys()].sort());

    for (const reference of documents.resources) {
      const url = reference.content[0]!.attachment.url!;
      expect(url.startsWith(`${baseUrl}/api/documents/${reference.id}/content?`)).toBe(true);
      // The short-lived link is the authorization: no token, no cookie.
      const download = await fetch(url);
      expect(download.status).toBe(200);
      const bytes = Buffer.from(await download.arrayBuffer());
      const digest = createHash("sha256").update(bytes).digest("hex");
      const stored = await db().document.findUniqueOrThrow({ where: { id: reference.id! }, select: { sha256: true } });
      expect(digest).toBe(stored.sha256);
      expect(bytes.equals(documentBytes.get(reference.id!)!)).toBe(true);
    }
  });

  it("lets a granted doctor read the patient and download the same documents", async () => {
    const client = clientWith((await tokenFor(doctor.actor, ["user/*.read"])).secret);
    expect((await readAs<Patient>(client, "Patient", patient.user.id)).name?.[0]?.text).toBe(`${marker} Patient`);
    const documents = await searchBundle<DocumentReference>(client, "DocumentReference", { patient: patient.user.id });
    expect(documents.total).toBe(documentBytes.size);
    const first = documents.entry![0]!.resource!;
    const download = await fetch(first.content[0]!.attachment.url!);
    expect(createHash("sha256").update(Buffer.from(await download.arrayBuffer())).digest("hex")).toBe((await db().document.findUniqueOrThrow({ where: { id: first.id! } })).sha256);
  });

  it("gets 401, 403 and 404 OperationOutcomes where the token lacks access", async () => {
    const missing = await refusal(clientWith().search({ resourceType: "Appointment", searchParams: {} }));
    expect([missing.status, missing.outcome.resourceType, missing.outcome.issue[0]?.code]).toEqual([401, "OperationOutcome", "login"]);

    const revoked = await tokenFor(patient.actor, ["patient/*.read"]);
    const revokedClient = clientWith(revoked.secret);
    expect((await readAs<Patient>(revokedClient, "Patient", patient.user.id)).id).toBe(patient.user.id);
    expect((await revokeAccessToken(patient.actor, { tokenId: revoked.id })).ok).toBe(true);
    const afterRevoke = await refusal(revokedClient.read({ resourceType: "Patient", id: patient.user.id }));
    expect([afterRevoke.status, afterRevoke.outcome.issue[0]?.code]).toEqual([401, "login"]);

    const narrow = clientWith((await tokenFor(patient.actor, ["patient/Appointment.read"])).secret);
    expect((await searchBundle<Appointment>(narrow, "Appointment")).total).toBe(appointmentIds.length);
    const outOfScope = await refusal(narrow.search({ resourceType: "DocumentReference", searchParams: {} }));
    expect([outOfScope.status, outOfScope.outcome.issue[0]?.code]).toEqual([403, "forbidden"]);

    const client = clientWith((await tokenFor(patient.actor, ["patient/*.read"])).secret);
    for (const [resourceType, id] of [
      ["Appointment", otherAppointment],
      ["DocumentReference", otherDocument],
      ["Patient", otherPatient.user.id],
    ] as const) {
      const hidden = await refusal(client.read({ resourceType, id }));
      expect([resourceType, hidden.status, hidden.outcome.resourceType, hidden.outcome.issue[0]?.code]).toEqual([resourceType, 404, "OperationOutcome", "not-found"]);
    }
  });
});
