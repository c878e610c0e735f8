import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { RequestContext } from "@/lib/authz/actor";
import { NO_REQUEST_CONTEXT, type Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { documentEnv } from "@/lib/env";
import { fail, ok, type Result } from "@/lib/result";
import { ALLOWED_DOCUMENT_TYPES } from "@/lib/storage/content-sniffing";
import { newDataKey, wrapDataKey } from "@/lib/storage/envelope-encryption";
import { sanitizeTitle, TITLE_MAX_CHARS } from "./names";

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
 * Patients upload for themselves only, for now. `limits.maxBytes` defaults to UPLOAD_MAX_BYTES; the data
 * plane (receiveUpload) then enforces the declared size exactly.
 */
export async function openUpload(
  actor: Actor | null,
  input: OpenUploadInput,
  context: RequestContext = NO_REQUEST_CONTEXT,
  limits: { maxBytes?: number } = {},
): Promise<Result<OpenedUpload>> {
  const auth = await authorize(actor, "document.upload", { ownerId: actor?.id, type: "document" }, context);
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
  const ownerId = auth.actor.id;
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
