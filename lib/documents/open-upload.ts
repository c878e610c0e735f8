import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { RequestContext } from "@/lib/authz/actor";
import { NO_REQUEST_CONTEXT, type Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { documentEnv } from "@/lib/env";
import { grantPermissionFor } from "@/lib/grants/grant-for";
import { withLedger } from "@/lib/grants/ledger-check";
import { fail, ok, type Result, type ServiceError } from "@/lib/result";
import { ALLOWED_DOCUMENT_TYPES } from "@/lib/storage/content-sniffing";
import { newDataKey, wrapDataKey } from "@/lib/storage/envelope-encryption";
import { sanitizeTitle, TITLE_MAX_CHARS } from "./names";
import { isUuid } from "@/lib/uuid";

export const UPLOAD_SESSION_MINUTES = 15;

export const DOCUMENT_KINDS = ["LAB_RESULT", "IMAGING", "PRESCRIPTION", "REPORT", "REFERRAL", "OTHER"] as const;

export interface OpenUploadInput {
  title: string;
  kind: string;
  /** yyyy-mm-dd */
  serviceDate?: string | null;
  note?: string | null;
  declaredType: string;
  declaredSize: number;
  /** A doctor uploading for a patient names them; patients upload for themselves. */
  patientId?: string | null;
}

export interface OpenedUpload {
  uploadId: string;
  documentId: string;
  maxBytes: number;
}

const NOTE_MAX_CHARS = 2000;

function schema(maxBytes: number) {
  return z.object({
    title: z
      .string()
      .max(4 * TITLE_MAX_CHARS, `Use at most ${TITLE_MAX_CHARS} characters.`)
      .transform(sanitizeTitle)
      .pipe(z.string().min(1, "Give the document a title.").max(TITLE_MAX_CHARS, `Use at most ${TITLE_MAX_CHARS} characters.`)),
    kind: z.enum(DOCUMENT_KINDS, "Choose what kind of document this is."),
    serviceDate: z.preprocess((v) => (v === "" ? null : v), z.iso.date("Enter a valid date.").nullish()),
    note: z.preprocess((v) => (typeof v === "string" ? v.replace(/\0/g, "").trim() : v), z.string().max(NOTE_MAX_CHARS, `Use at most ${NOTE_MAX_CHARS} characters.`).nullish()),
    declaredType: z.enum(ALLOWED_DOCUMENT_TYPES, "Only PDF, PNG, JPEG, WebP and DICOM files can be uploaded."),
    declaredSize: z
      .number("Choose a file.")
      .int("Choose a file.")
      .min(1, "The file is empty.")
      .max(maxBytes, `Files can be at most ${Math.floor(maxBytes / (1024 * 1024)) || maxBytes} ${maxBytes >= 1024 * 1024 ? "MiB" : "bytes"}.`),
  });
}

/**
 * Control plane of an upload: checks the metadata and opens a one-time upload id (15 minutes, bound to
 * this user and a new UPLOADING document with a server-generated storage key and a fresh wrapped data key).
 * Patients upload for themselves; a doctor uploads for a patient under an open READ_WRITE grant (checked
 * again by the data plane). `limits.maxBytes` defaults to UPLOAD_MAX_BYTES; the data plane
 * (receiveUpload) then enforces the declared size exactly.
 */
export async function openUpload(
  actor: Actor | null,
  input: OpenUploadInput,
  context: RequestContext = NO_REQUEST_CONTEXT,
  limits: { maxBytes?: number } = {},
): Promise<Result<OpenedUpload>> {
  const auth = await authorizeUploadFor(actor, actor?.role === "DOCTOR" ? input.patientId : actor?.id, context);
  if (!auth.ok) return auth;
  const env = documentEnv();
  const maxBytes = limits.maxBytes ?? env.uploadMaxBytes;
  const parsed = schema(maxBytes).safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return fail("VALIDATION", Object.values(fieldErrors)[0]?.[0] ?? "Check the form.", fieldErrors);
  }
  const data = parsed.data;
  const ownerId = auth.ownerId;
  const documentId = randomUUID();
  const uploadId = randomBytes(32).toString("base64url");
  await db().document.create({
    data: {
      id: documentId,
      ownerId,
      uploaderId: auth.actor.id,
      title: data.title,
      kind: data.kind,
      serviceDate: data.serviceDate ? new Date(`${data.serviceDate}T00:00:00Z`) : null,
      note: data.note ?? "",
      declaredType: data.declaredType,
      declaredSize: BigInt(data.declaredSize),
      storageKey: `documents/${ownerId}/${randomUUID()}`,
      wrappedKey: wrapDataKey(newDataKey(), env.masterKey),
      uploadSessions: { create: { id: uploadId, userId: auth.actor.id, expiresAt: new Date(Date.now() + UPLOAD_SESSION_MINUTES * 60_000) } },
    },
  });
  return ok({ uploadId, documentId, maxBytes });
}

/**
 * Who may store a document in whose records: a patient in their own, a verified doctor in a patient's
 * under an open READ_WRITE grant. Shared by both planes of an upload, so a grant revoked while the
 * bytes are on their way stops the upload.
 */
export async function authorizeUploadFor(actor: Actor | null, patientId: string | null | undefined, context: RequestContext, documentId?: string): Promise<{ ok: true; actor: Actor; ownerId: string } | { ok: false; error: ServiceError }> {
  const ownerId = isUuid(patientId) ? patientId : undefined;
  if (actor?.role !== "DOCTOR") {
    const auth = await authorize(actor, "document.upload", { ownerId, type: "document", id: documentId }, context);
    return auth.ok ? { ...auth, ownerId: auth.actor.id } : auth;
  }
  const checked = await withLedger(() => grantPermissionFor(actor, ownerId));
  if (!checked.ok) return checked;
  const grant = checked.value;
  const auth = await authorize(actor, "document.upload_for_patient", { ownerId, grant, type: "patient", id: ownerId }, context);
  if (auth.ok && ownerId) return { ...auth, ownerId };
  if (grant === "READ") return fail("FORBIDDEN", "Your access to this patient's records is read-only: ask for read and write access to add documents.");
  return fail(auth.ok ? "NOT_FOUND" : auth.error.code === "UNAUTHENTICATED" ? "UNAUTHENTICATED" : "FORBIDDEN", auth.ok ? "Not found." : "You need this patient's permission (read and write access) to add documents.");
}
