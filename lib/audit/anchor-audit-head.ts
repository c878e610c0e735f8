import "server-only";
import { randomBytes } from "node:crypto";
import { anchorCommitment } from "@/lib/anchors/commitment";
import { db } from "@/lib/db/client";

/**
 * Queues the audit hash chain's current head for anchoring, unless it was anchored already: anyone
 * holding the trail can then prove no event before it was altered or removed since. The commitment
 * is salted like a document's; the head hash is in the trail itself, never on chain in the clear.
 */
export async function anchorAuditHead(): Promise<{ queued: boolean; headId: string | null }> {
  const head = await db().auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
  if (!head) return { queued: false, headId: null };
  const last = await db().anchor.findFirst({ where: { kind: "AUDIT_HEAD" }, orderBy: { createdAt: "desc" }, select: { commitment: true, salt: true } });
  if (last && anchorCommitment(head.hash, last.salt) === last.commitment) return { queued: false, headId: String(head.id) };
  const salt = `0x${randomBytes(32).toString("hex")}`;
  // subjectId is a uuid column: the head is named by its event id in the uuid's last 12 hex digits.
  const subjectId = `00000000-0000-4000-8000-${head.id.toString(16).padStart(12, "0").slice(-12)}`;
  await db().anchor.create({ data: { kind: "AUDIT_HEAD", action: "RECORD", subjectId, salt, commitment: anchorCommitment(head.hash, salt), anchorId: `0x${randomBytes(32).toString("hex")}` } });
  return { queued: true, headId: String(head.id) };
}
