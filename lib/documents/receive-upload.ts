import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { anchorCommitment } from "@/lib/anchors/commitment";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { countUploadBytes } from "@/lib/observability/metrics";
import { isOutage } from "@/lib/outages/outage";
import { fail, type ServiceError } from "@/lib/result";
import { SNIFF_BYTES, sniffDocumentType } from "@/lib/storage/content-sniffing";
import { ENVELOPE_OVERHEAD_BYTES, encryptStream } from "@/lib/storage/envelope-encryption";
import { putObjectStream } from "@/lib/storage/object-storage";
import { authorizeUploadFor } from "./open-upload";
import { unwrapDocumentDataKey } from "./document-data-key";
import { tryRemoveObject } from "./remove-dropped-objects";
import { claimUpload, commitStoredUpload } from "./upload-statements";

/** HTTP status the route answers with, chosen by the service that knows why it failed. */
export type UploadStatus = 400 | 401 | 403 | 404 | 413 | 415 | 500 | 503;

export type UploadResult = { ok: true; value: { documentId: string; sha256: string; size: number } } | { ok: false; error: ServiceError; status: UploadStatus };

/** Why the byte stream was refused: the user-facing reason stored on the FAILED row. */
class UploadRejected extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Counts bytes (over the declared size: error at once; under: error at the end), sniffs the first
 * SNIFF_BYTES against the declared type before letting any byte through, and hashes the plaintext.
 * Holds at most SNIFF_BYTES, so memory stays flat.
 */
class Inspector extends Transform {
  private count = 0;
  private head: Buffer[] = [];
  private headLength = 0;
  private checked = false;
  private readonly hash = createHash("sha256");
  sniffedType: string | null = null;

  constructor(
    private readonly declaredSize: number,
    private readonly declaredType: string,
  ) {
    super();
  }

  get size() {
    return this.count;
  }

  digest(): string {
    return this.hash.digest("hex");
  }

  private check(): void {
    const head = Buffer.concat(this.head);
    this.sniffedType = sniffDocumentType(head);
    this.checked = true;
    if (!this.sniffedType) throw new UploadRejected(415, "This file is not a PDF, PNG, JPEG, WebP or DICOM file.");
    if (this.sniffedType !== this.declaredType) throw new UploadRejected(415, "The file's contents do not match its declared type.");
    this.head = [];
    this.push(head);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.count += chunk.length;
      if (this.count > this.declaredSize) throw new UploadRejected(413, "The file is larger than declared.");
      this.hash.update(chunk);
      if (this.checked) return callback(null, chunk);
      this.head.push(chunk);
      this.headLength += chunk.length;
      if (this.headLength >= SNIFF_BYTES) this.check();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (this.count < this.declaredSize) throw new UploadRejected(400, "Size mismatch: the file is smaller than declared.");
      if (!this.checked) this.check();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}

const READ_AHEAD_BYTES = 1024 * 1024;

function toNodeReadable(body: ReadableStream<Uint8Array> | Readable | null): Readable {
  if (!body) return Readable.from([]);
  if (body instanceof Readable) return body;
  // Reads ahead of the hashing and encryption (Node 20's default is 16 KiB, about one network read).
  return Readable.fromWeb(body as unknown as NodeWebReadableStream<Uint8Array>, { highWaterMark: READ_AHEAD_BYTES });
}

/** Stops reading a body that will not be stored. */
function discard(body: ReadableStream<Uint8Array> | Readable | null): void {
  if (body instanceof Readable) body.destroy();
  else if (body) void body.cancel().catch(() => undefined);
}

const STORAGE_DOWN_REASON = "File storage is not answering just now, so the file was not stored. Please try again in a minute.";

const notFound = (): UploadResult => ({ ...fail("NOT_FOUND", "This upload link is not valid any more. Start the upload again."), status: 404 });

/**
 * Data plane of an upload: claims the one-time upload id (once, by its user, before it expires), then
 * streams body → size check → type sniffing → SHA-256 → AES-256-GCM → S3 multipart upload. Only a
 * complete object makes the document STORED, together with its Anchor outbox row and the audit event,
 * in one transaction. Any failure aborts the upload, deletes whatever was written and marks the row
 * FAILED with a reason the user sees. The claim and the commit are plain SQL (upload-statements.ts).
 */
export async function receiveUpload(
  uploadId: string,
  actor: Actor | null,
  body: ReadableStream<Uint8Array> | Readable | null,
  context: RequestContext = NO_REQUEST_CONTEXT,
): Promise<UploadResult> {
  if (!actor) {
    const denied = await authorize(actor, "document.upload", { type: "upload" }, context);
    return { ...(denied.ok ? fail("UNAUTHENTICATED", "Please sign in to continue.") : denied), status: 401 };
  }
  const document = await claimUpload(uploadId, actor.id, new Date());
  if (!document) {
    await recordAuditEvent({ actorId: actor.id, actorRole: actor.role, action: "document.upload", subjectType: "upload", outcome: "DENY", ip: context.ip, userAgent: context.userAgent, details: { reason: "unknown, used or expired upload id" } });
    discard(body);
    return notFound();
  }
  const auth = await authorizeUploadFor(actor, document.ownerId, context, document.id);
  if (!auth.ok) {
    discard(body);
    // No byte was written, so there is no object to remove.
    await db().document.updateMany({ where: { id: document.id, state: "UPLOADING" }, data: { state: "FAILED", failureReason: auth.error.message, objectRemovedAt: new Date() } });
    return { ...auth, status: auth.error.code === "UNAUTHENTICATED" ? 401 : auth.error.code === "FORBIDDEN" ? 403 : auth.error.code === "UNAVAILABLE" ? 503 : 404 };
  }

  const source = toNodeReadable(body);
  const inspector = new Inspector(document.declaredSize, document.declaredType);
  const encrypted = encryptStream(unwrapDocumentDataKey(document.wrappedKey));
  const controller = new AbortController();
  const streamed = pipeline(source, inspector, encrypted);
  // The declared size is enforced byte for byte above, so the object's length is known before its first byte.
  const length = document.declaredSize + ENVELOPE_OVERHEAD_BYTES;
  const stored = putObjectStream(document.storageKey, encrypted, { contentType: "application/octet-stream", signal: controller.signal, length });
  streamed.catch((error: unknown) => controller.abort(error));
  stored.catch((error: unknown) => encrypted.destroy(error as Error));
  const [streamOutcome, storeOutcome] = await Promise.allSettled([streamed, stored]);

  countUploadBytes(streamOutcome.status === "fulfilled" && storeOutcome.status === "fulfilled" ? "stored" : "failed", inspector.size);
  if (streamOutcome.status === "fulfilled" && storeOutcome.status === "fulfilled") {
    const sha256 = inspector.digest();
    const salt = randomBytes(32).toString("hex");
    const updated = await commitStoredUpload({
      documentId: document.id,
      sha256,
      size: inspector.size,
      sniffedType: inspector.sniffedType,
      anchor: { salt: `0x${salt}`, commitment: anchorCommitment(sha256, salt), anchorId: `0x${randomBytes(32).toString("hex")}` },
      audit: { actorId: actor.id, actorRole: actor.role, action: "document.upload", subjectType: "document", subjectId: document.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent, details: { size: inspector.size, type: inspector.sniffedType } },
    });
    if (updated) return { ok: true, value: { documentId: document.id, sha256, size: inspector.size } };
    // The row left UPLOADING meanwhile: the sweeper expired it to FAILED with its object still owed
    // removal (objectRemovedAt null), so removeDroppedObjects retries if this attempt fails.
    await tryRemoveObject(document.storageKey);
    return notFound();
  }

  const cause = streamOutcome.status === "rejected" ? streamOutcome.reason : storeOutcome.status === "rejected" ? storeOutcome.reason : undefined;
  const rejected = cause instanceof UploadRejected ? cause : null;
  // Storage not answering is an outage the client may retry (503); a body that broke off is not.
  const storageDown = !rejected && [streamOutcome, storeOutcome].some((outcome) => outcome.status === "rejected" && isOutage(outcome.reason));
  const reason = rejected?.message ?? (storageDown ? STORAGE_DOWN_REASON : "The upload was interrupted or could not be stored. Please try again.");
  // The multipart upload was aborted; a single-part PUT that slipped through is removed here, or by
  // the worker's removeDroppedObjects once storage answers again.
  const removed = await tryRemoveObject(document.storageKey);
  await db().document.updateMany({ where: { id: document.id, state: "UPLOADING" }, data: { state: "FAILED", failureReason: reason, objectRemovedAt: removed ? new Date() : null } });
  await recordAuditEvent({
    actorId: actor.id,
    actorRole: actor.role,
    action: "document.upload",
    subjectType: "document",
    subjectId: document.id,
    outcome: rejected ? "DENY" : "ALLOW",
    ip: context.ip,
    userAgent: context.userAgent,
    details: { failed: true, reason: rejected ? reason : "interrupted" },
  });
  if (rejected) return { ...fail("VALIDATION", reason), status: rejected.status };
  return { ...fail("UNAVAILABLE", reason), status: storageDown ? 503 : 500 };
}
