import "server-only";
import { randomUUID } from "node:crypto";
import { auditAppend, type AuditEntry } from "@/lib/audit/record-audit-event";
import { sql } from "@/lib/db/sql";

/**
 * The two database steps of every upload's data plane, as plain SQL (lib/db/sql.ts says why): claiming
 * the one-time upload id, and making the document STORED. Their Prisma versions were nine statements and
 * about 11 ms of CPU per upload; these are one statement each, so two round trips in all.
 */

/** What the data plane needs of the document an upload id opened. */
export interface ClaimedUpload {
  id: string;
  ownerId: string;
  declaredSize: number;
  declaredType: string;
  storageKey: string;
  wrappedKey: string;
}

/**
 * Marks the upload id used (once, by its own user, before it expires) and returns its document if that is
 * still UPLOADING; null otherwise. One statement, so two requests racing for one id cannot both win.
 */
export async function claimUpload(uploadId: string, userId: string, now: Date): Promise<ClaimedUpload | null> {
  const [row] = await sql.query<Omit<ClaimedUpload, "declaredSize"> & { declaredSize: string }>(
    `WITH claimed AS (
       UPDATE upload_sessions SET used_at = $3
       WHERE id = $1 AND user_id = $2::uuid AND used_at IS NULL AND expires_at > $3
       RETURNING document_id)
     SELECT d.id, d.owner_id AS "ownerId", d.declared_size AS "declaredSize",
            d.declared_type AS "declaredType", d.storage_key AS "storageKey", d.wrapped_key AS "wrappedKey"
     FROM documents d JOIN claimed c ON c.document_id = d.id
     WHERE d.state = 'UPLOADING'`,
    [uploadId, userId, now],
  );
  return row ? { ...row, declaredSize: Number(row.declaredSize) } : null;
}

export interface StoredUpload {
  documentId: string;
  sha256: string;
  size: number;
  sniffedType: string | null;
  /** The Anchor outbox row's salt, commitment and on-chain id (0x-prefixed hex). */
  anchor: { salt: string; commitment: string; anchorId: string };
  audit: AuditEntry;
}

/**
 * In one statement, so one transaction: the document moves UPLOADING → STORED, its Anchor outbox row is
 * written, a doctor's upload joins their open READ_WRITE grants on chosen documents (so they keep seeing
 * what they added), and the audit event is appended (auditAppend). Returns false, writing nothing, when
 * the row had left UPLOADING.
 */
export async function commitStoredUpload(upload: StoredUpload, now = new Date()): Promise<boolean> {
  const values = [upload.documentId, upload.sha256, upload.size, upload.sniffedType, now, randomUUID(), upload.anchor.salt, upload.anchor.commitment, upload.anchor.anchorId];
  const audit = auditAppend(upload.audit, now);
  const [moved] = await sql.query<{ count: number }>(
    `WITH moved AS (
       UPDATE documents SET state = 'STORED', sha256 = $2, size = $3, sniffed_type = $4, stored_at = $5
       WHERE id = $1::uuid AND state = 'UPLOADING'
       RETURNING id, owner_id, uploader_id),
     anchored AS (
       INSERT INTO anchors (id, kind, subject_id, salt, commitment, anchor_id, state, created_at, updated_at)
       SELECT $6::uuid, 'DOCUMENT', id, $7, $8, $9, 'PENDING', $5, $5 FROM moved),
     shared AS (
       INSERT INTO access_grant_documents (grant_id, document_id)
       SELECT g.id, m.id FROM moved m
       JOIN access_grants g ON g.doctor_id = m.uploader_id AND g.patient_id = m.owner_id
       WHERE m.uploader_id <> m.owner_id AND g.state = 'ACTIVE' AND g.permission = 'READ_WRITE'
         AND NOT g.all_documents AND g.not_after > $5
       ON CONFLICT DO NOTHING),
     -- A SELECT in a WITH runs only if the statement reads it: the count below does, once per moved row.
     audited AS (
       SELECT ${audit.call(values.length + 1)} AS id FROM moved)
     SELECT count(*)::int AS count FROM audited`,
    [...values, ...audit.values],
  );
  return moved?.count === 1;
}
