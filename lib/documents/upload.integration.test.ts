/**
 * Documents' data plane against the suite's real Postgres and S3 server: upload → sniff → hash →
 * encrypt → S3, the STORED row with its PENDING Anchor, and every way an upload is refused (each leaves
 * a FAILED row or nothing, and never an object).
 *
 * A 1-byte file cannot carry the magic bytes of any allowed type, so it is uploaded and refused as an
 * unsupported type (415) rather than stored; the size limit is exercised with a 4 KiB limit passed to
 * openUpload instead of 50 MiB files.
 */
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import { GET as contentGet } from "@/app/api/documents/[documentId]/content/route";
import { PUT as uploadPut } from "@/app/api/uploads/[uploadId]/route";
import { db } from "@/lib/db/client";
import { createPatient, deleteTestData, type TestPatient } from "@/lib/testing/fixtures";
import { getObjectStream, headObject } from "@/lib/storage/object-storage";
import { beginRequest } from "@/scripts/test-support/request-scope";
import { openDocumentContent } from "./open-content";
import { openUpload, type OpenUploadInput } from "./open-upload";
import { documentCommitment, receiveUpload } from "./receive-upload";

let patient: TestPatient;
let otherPatient: TestPatient;

beforeAll(async () => {
  patient = await createPatient();
  otherPatient = await createPatient();
});
afterAll(async () => {
  const documents = await db().document.findMany({ where: { ownerId: { in: [patient.user.id, otherPatient.user.id] } }, select: { id: true } });
  await db().anchor.deleteMany({ where: { subjectId: { in: documents.map((d) => d.id) } } });
  await deleteTestData();
});

const MARKER = "PLAINTEXT-MARKER-0123456789-medanchor";

function pdf(size: number): Buffer {
  const head = Buffer.from(`%PDF-1.4\n% ${MARKER}\n`);
  const tail = Buffer.from("\n%%EOF\n");
  if (size < head.length + tail.length) return head.subarray(0, size);
  const filler = Buffer.alloc(size - head.length - tail.length, "x");
  return Buffer.concat([head, filler, tail]);
}

const meta = (bytes: Buffer, overrides: Partial<OpenUploadInput> = {}): OpenUploadInput => ({
  title: "Blood panel",
  kind: "LAB_RESULT",
  declaredType: "application/pdf",
  declaredSize: bytes.length,
  ...overrides,
});

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Streams `bytes` in 64 KiB chunks, or errors after `failAfter` bytes. */
function body(bytes: Buffer, failAfter?: number): Readable {
  return Readable.from(
    (async function* () {
      for (let offset = 0; offset < bytes.length; offset += 65_536) {
        if (failAfter !== undefined && offset >= failAfter) throw new Error("connection reset");
        yield bytes.subarray(offset, offset + 65_536);
      }
    })(),
  );
}

async function open(bytes: Buffer, overrides: Partial<OpenUploadInput> = {}, maxBytes?: number) {
  const opened = await openUpload(patient.actor, meta(bytes, overrides), undefined, maxBytes ? { maxBytes } : {});
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

async function expectFailedWithoutObject(documentId: string, reason: RegExp) {
  const row = await db().document.findUniqueOrThrow({ where: { id: documentId } });
  expect(row.state).toBe("FAILED");
  expect(row.failureReason).toMatch(reason);
  expect(await headObject(row.storageKey)).toBeNull();
  expect(await db().anchor.count({ where: { subjectId: documentId } })).toBe(0);
}

describe("document upload data plane", () => {
  it("round-trips a PDF: matching SHA-256, ciphertext at rest, STORED row and a PENDING anchor", async () => {
    const bytes = pdf(20_000);
    const { uploadId, documentId } = await open(bytes);
    const result = await receiveUpload(uploadId, patient.actor, body(bytes));
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(result).toEqual({ ok: true, value: { documentId, sha256, size: bytes.length } });

    const row = await db().document.findUniqueOrThrow({ where: { id: documentId } });
    expect(row).toMatchObject({ state: "STORED", sha256, size: BigInt(bytes.length), sniffedType: "application/pdf", ownerId: patient.user.id, uploaderId: patient.user.id });
    const stored = await readAll((await getObjectStream(row.storageKey))!);
    expect(stored.length).toBe(bytes.length + 28);
    expect(stored.includes(Buffer.from(MARKER))).toBe(false);
    expect(stored.includes(Buffer.from("%PDF"))).toBe(false);

    const [anchor] = await db().anchor.findMany({ where: { subjectId: documentId } });
    expect(anchor).toMatchObject({ kind: "DOCUMENT", state: "PENDING" });
    expect(anchor!.commitment).toBe(documentCommitment(sha256, anchor!.salt));
    expect(anchor!.salt).toMatch(/^0x[0-9a-f]{64}$/);
    expect(anchor!.anchorId).toMatch(/^0x[0-9a-f]{64}$/);

    const content = await openDocumentContent(patient.actor, documentId);
    expect(content.ok).toBe(true);
    if (!content.ok) return;
    expect(content.value).toMatchObject({ contentType: "application/pdf", size: bytes.length, filename: "Blood panel.pdf" });
    expect((await readAll(content.value.stream)).equals(bytes)).toBe(true);
    expect(await db().auditEvent.count({ where: { action: "document.view", subjectId: documentId, outcome: "ALLOW" } })).toBe(1);
  });

  it("streams a multipart-sized file (9 MiB) through", async () => {
    const bytes = pdf(9 * 1024 * 1024 + 123);
    const { uploadId, documentId } = await open(bytes);
    const result = await receiveUpload(uploadId, patient.actor, body(bytes));
    expect(result).toMatchObject({ ok: true, value: { sha256: createHash("sha256").update(bytes).digest("hex") } });
    const content = await openDocumentContent(patient.actor, documentId);
    if (!content.ok) throw new Error(content.error.message);
    expect(createHash("sha256").update(await readAll(content.value.stream)).digest("hex")).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("refuses a 0-byte file when the upload is opened, and a 1-byte file as an unsupported type", async () => {
    expect(await openUpload(patient.actor, meta(Buffer.alloc(0)))).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { declaredSize: ["The file is empty."] } } });
    const one = Buffer.from("%");
    const { uploadId, documentId } = await open(one);
    expect(await receiveUpload(uploadId, patient.actor, body(one))).toMatchObject({ ok: false, status: 415 });
    await expectFailedWithoutObject(documentId, /not a PDF/);
  });

  it("accepts exactly the limit and refuses limit + 1", async () => {
    const limit = 4096;
    const exact = pdf(limit);
    const { uploadId } = await open(exact, {}, limit);
    expect(await receiveUpload(uploadId, patient.actor, body(exact))).toMatchObject({ ok: true, value: { size: limit } });
    expect(await openUpload(patient.actor, meta(pdf(limit + 1)), undefined, { maxBytes: limit })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
  });

  it("refuses a body larger or smaller than declared, or of another type than declared", async () => {
    const bytes = pdf(5000);
    const larger = await open(bytes, { declaredSize: 4000 });
    expect(await receiveUpload(larger.uploadId, patient.actor, body(bytes))).toMatchObject({ ok: false, status: 413 });
    await expectFailedWithoutObject(larger.documentId, /larger than declared/);

    const smaller = await open(bytes, { declaredSize: 6000 });
    expect(await receiveUpload(smaller.uploadId, patient.actor, body(bytes))).toMatchObject({ ok: false, status: 400 });
    await expectFailedWithoutObject(smaller.documentId, /Size mismatch/);

    const png = await open(bytes, { declaredType: "image/png" });
    expect(await receiveUpload(png.uploadId, patient.actor, body(bytes))).toMatchObject({ ok: false, status: 415 });
    await expectFailedWithoutObject(png.documentId, /do not match/);

    expect(await openUpload(patient.actor, meta(bytes, { declaredType: "text/html" }))).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
  });

  it("refuses an EXE, HTML, SVG or HTML/PDF polyglot declared as PDF", async () => {
    const fakes = [
      Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode."), Buffer.alloc(300)]),
      Buffer.from(`<!DOCTYPE html><html><body><script>alert(document.cookie)</script>${"x".repeat(200)}</body></html>`),
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>${" ".repeat(200)}</svg>`),
      Buffer.concat([Buffer.from("<html><script>alert(1)</script></html>\n"), pdf(400)]),
    ];
    for (const fake of fakes) {
      const { uploadId, documentId } = await open(fake, { title: "report.pdf" });
      expect(await receiveUpload(uploadId, patient.actor, body(fake))).toMatchObject({ ok: false, status: 415 });
      await expectFailedWithoutObject(documentId, /not a PDF/);
    }
    expect(await db().auditEvent.count({ where: { action: "document.upload", actorId: patient.user.id, outcome: "DENY" } })).toBeGreaterThanOrEqual(fakes.length);
  });

  it("answers NOT_FOUND for a reused, forged or someone else's upload id", async () => {
    const bytes = pdf(1000);
    const { uploadId } = await open(bytes);
    expect(await receiveUpload(uploadId, patient.actor, body(bytes))).toMatchObject({ ok: true });
    expect(await receiveUpload(uploadId, patient.actor, body(bytes))).toMatchObject({ ok: false, status: 404, error: { code: "NOT_FOUND" } });
    expect(await receiveUpload(randomBytes(32).toString("base64url"), patient.actor, body(bytes))).toMatchObject({ ok: false, status: 404 });
    const fresh = await open(bytes);
    expect(await receiveUpload(fresh.uploadId, otherPatient.actor, body(bytes))).toMatchObject({ ok: false, status: 404 });
    expect(await receiveUpload(fresh.uploadId, null, body(bytes))).toMatchObject({ ok: false, status: 401 });
    // The owner's session was not consumed by those attempts.
    expect(await receiveUpload(fresh.uploadId, patient.actor, body(bytes))).toMatchObject({ ok: true });
  });

  it("answers NOT_FOUND for an expired upload id", async () => {
    const bytes = pdf(1000);
    const { uploadId, documentId } = await open(bytes);
    await db().uploadSession.update({ where: { id: uploadId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await receiveUpload(uploadId, patient.actor, body(bytes))).toMatchObject({ ok: false, status: 404 });
    expect((await db().document.findUniqueOrThrow({ where: { id: documentId } })).state).toBe("UPLOADING");
  });

  it("answers NOT_FOUND for another patient's document, a failed one and a malformed id", async () => {
    const bytes = pdf(1000);
    const { uploadId, documentId } = await open(bytes);
    await receiveUpload(uploadId, patient.actor, body(bytes));
    expect(await openDocumentContent(otherPatient.actor, documentId)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await openDocumentContent(null, documentId)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    expect(await openDocumentContent(patient.actor, "../../etc/passwd")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    const failed = await open(bytes, { declaredSize: 999 });
    await receiveUpload(failed.uploadId, patient.actor, body(bytes));
    expect(await openDocumentContent(patient.actor, failed.documentId)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("leaves a FAILED row and no object when the stream breaks midway (small and multipart)", async () => {
    for (const [size, failAfter] of [
      [200_000, 65_536],
      [12 * 1024 * 1024, 9 * 1024 * 1024],
    ] as const) {
      const bytes = pdf(size);
      const { uploadId, documentId } = await open(bytes);
      expect(await receiveUpload(uploadId, patient.actor, body(bytes, failAfter))).toMatchObject({ ok: false, status: 500, error: { code: "UNAVAILABLE" } });
      await expectFailedWithoutObject(documentId, /interrupted/);
    }
  });

  it("sanitizes titles and refuses unusable ones", async () => {
    const bytes = pdf(1000);
    const { documentId } = await open(bytes, { title: "../scan\u202Egpj.exe\r\nX-Injected: 1\0 CON" });
    expect((await db().document.findUniqueOrThrow({ where: { id: documentId } })).title).toBe("../scan gpj.exe X-Injected: 1 CON");
    expect(await openUpload(patient.actor, meta(bytes, { title: "x".repeat(1001) }))).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await openUpload(patient.actor, meta(bytes, { title: "\u202E\r\n\0 " }))).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
  });
});

describe("document route handlers", () => {
  it("PUT stores the body and GET serves it back sandboxed, as an attachment unless inline is asked for", async () => {
    const bytes = pdf(3000);
    const { uploadId, documentId } = await open(bytes, { title: 'CON"; evil.html' });
    beginRequest(patient.sessionId);
    const put = await uploadPut(new Request(`http://localhost/api/uploads/${uploadId}`, { method: "PUT", body: bytes, duplex: "half" } as RequestInit), { params: Promise.resolve({ uploadId }) });
    expect(put.status).toBe(201);
    expect(await put.json()).toEqual({ documentId, sha256: createHash("sha256").update(bytes).digest("hex") });

    const get = await contentGet(new Request(`http://localhost/api/documents/${documentId}/content`), { params: Promise.resolve({ documentId }) });
    expect(get.status).toBe(200);
    expect(Object.fromEntries(get.headers)).toMatchObject({
      "content-type": "application/pdf",
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; frame-ancestors 'none'",
      "x-frame-options": "DENY",
      "cache-control": "no-store",
      "content-disposition": 'attachment; filename="CON__ evil.html.pdf"',
    });
    expect(Buffer.from(await get.arrayBuffer()).equals(bytes)).toBe(true);
    const inline = await contentGet(new Request(`http://localhost/api/documents/${documentId}/content?inline=1`), { params: Promise.resolve({ documentId }) });
    expect(inline.headers.get("content-disposition")).toMatch(/^inline;/);
    // Only our own document page may frame a preview, and the preview itself stays sandboxed.
    expect(inline.headers.get("content-security-policy")).toBe("sandbox; frame-ancestors 'self'");
    expect(inline.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    await inline.body?.cancel();

    const reused = await uploadPut(new Request(`http://localhost/api/uploads/${uploadId}`, { method: "PUT", body: bytes, duplex: "half" } as RequestInit), { params: Promise.resolve({ uploadId }) });
    expect(reused.status).toBe(404);
    expect(await reused.json()).toMatchObject({ code: "NOT_FOUND" });
    beginRequest(otherPatient.sessionId);
    expect((await contentGet(new Request(`http://localhost/api/documents/${documentId}/content`), { params: Promise.resolve({ documentId }) })).status).toBe(404);
    beginRequest(undefined);
    expect((await contentGet(new Request(`http://localhost/api/documents/${documentId}/content`), { params: Promise.resolve({ documentId }) })).status).toBe(401);
  });
});
