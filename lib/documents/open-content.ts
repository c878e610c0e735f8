import "server-only";
import { pipeline, type Readable } from "node:stream";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sql } from "@/lib/db/sql";
import { fail, ok, type Result } from "@/lib/result";
import { isAllowedDocumentType } from "@/lib/storage/content-sniffing";
import { decryptStream } from "@/lib/storage/envelope-encryption";
import { getObjectStream } from "@/lib/storage/object-storage";
import { grantPermissionFor } from "@/lib/grants/grant-for";
import { withLedger } from "@/lib/grants/ledger-check";
import { downloadFilename } from "./names";
import { isUuid } from "@/lib/uuid";
import { unwrapDocumentDataKey } from "./document-data-key";

/** How far the decrypted bytes read ahead of the client, so S3 keeps sending while the last bytes go out. */
const READ_AHEAD_BYTES = 1024 * 1024;

export interface DocumentContent {
  stream: Readable;
  contentType: string;
  size: number;
  filename: string;
}

interface StoredDocumentRow {
  id: string;
  ownerId: string;
  title: string;
  sniffedType: string | null;
  /** bigint, as node-postgres hands it over: a decimal string. */
  size: string | null;
  storageKey: string;
  wrappedKey: string;
}

/** What a content request needs of a STORED document: plain SQL, as it runs on every view and download (lib/db/sql.ts). */
async function storedDocument(documentId: string): Promise<StoredDocumentRow | null> {
  const [row] = await sql.query<StoredDocumentRow>(
    `SELECT id, owner_id AS "ownerId", title, sniffed_type AS "sniffedType", size, storage_key AS "storageKey", wrapped_key AS "wrappedKey"
     FROM documents WHERE id = $1::uuid AND state = 'STORED'`,
    [documentId],
  );
  return row ?? null;
}

/**
 * The decrypted bytes of a stored document, checked on every request: the owning patient, or a doctor
 * whose access grant covers it right now (so a revoked or expired grant bites on the next request).
 * Anyone else, and any id that is not a stored document, gets NOT_FOUND. Every opening is audited as
 * a view (inline preview) or a download. The stream errors at its end if the object fails authentication.
 */
export async function openDocumentContent(actor: Actor | null, documentId: string, context: RequestContext = NO_REQUEST_CONTEXT, purpose: "view" | "download" = "view"): Promise<Result<DocumentContent>> {
  const document = isUuid(documentId) ? await storedDocument(documentId) : null;
  const grant = await withLedger(() => grantPermissionFor(actor, document?.ownerId, document?.id));
  if (!grant.ok) return grant;
  const auth = await authorize(actor, "document.view", { ownerId: document?.ownerId, grant: grant.value, type: "document", id: isUuid(documentId) ? documentId : undefined }, context);
  if (!auth.ok) return auth;
  if (!document || !document.sniffedType || !isAllowedDocumentType(document.sniffedType)) return fail("NOT_FOUND", "Not found.");
  const dataKey = unwrapDocumentDataKey(document.wrappedKey);
  // The audit event (a serialised write) and the request to S3 run side by side; no byte is handed out
  // before both are done, and an opening that was allowed is recorded even if the object cannot be read.
  const [audited, fetched] = await Promise.allSettled([
    recordAuditEvent({ actorId: auth.actor.id, actorRole: auth.actor.role, action: `document.${purpose}`, subjectType: "document", subjectId: document.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent }),
    getObjectStream(document.storageKey),
  ]);
  if (audited.status === "rejected") {
    if (fetched.status === "fulfilled") fetched.value?.destroy();
    throw audited.reason;
  }
  if (fetched.status === "rejected") throw fetched.reason;
  const object = fetched.value;
  if (!object) return fail("NOT_FOUND", "Not found.");
  const plaintext = decryptStream(dataKey, { readAheadBytes: READ_AHEAD_BYTES });
  // Either side ending early ends both: a client that goes away releases the connection to S3 too.
  pipeline(object, plaintext, () => undefined);
  return ok({ stream: plaintext, contentType: document.sniffedType, size: Number(document.size ?? 0), filename: downloadFilename(document.title, document.sniffedType) });
}
