import "server-only";
import { db } from "@/lib/db/client";
import { grantsActiveOnChain } from "./ledger-check";

export type Permission = "READ" | "READ_WRITE";

export interface DoctorAccess {
  /** The strongest permission any open grant gives: READ_WRITE beats READ. */
  permission: Permission;
}

/**
 * The doctor's grants on the patient's records that are open right now: ACTIVE and inside their window
 * (so revocation and expiry bite on the next request, before the worker marks them), and confirmed active
 * on chain (so an altered row alone opens nothing). With `documentId`, only grants covering that document.
 * Throws LedgerUnavailable when the chain cannot be read.
 */
async function openGrants(doctorId: string, patientId: string, now: Date, documentId?: string) {
  const grants = await db().accessGrant.findMany({
    where: {
      doctorId,
      patientId,
      state: "ACTIVE",
      notBefore: { lte: now },
      notAfter: { gt: now },
      ...(documentId ? { OR: [{ allDocuments: true }, { documents: { some: { documentId } } }] } : {}),
    },
    select: { id: true, permission: true, allDocuments: true },
  });
  const onChain = await grantsActiveOnChain(grants.map((g) => g.id));
  return grants.filter((g) => onChain.has(g.id));
}

/** What a doctor may do with a patient's records (or one document) right now; null: no access. */
export async function doctorAccess(doctorId: string, patientId: string, options: { documentId?: string; now?: Date } = {}): Promise<DoctorAccess | null> {
  const grants = await openGrants(doctorId, patientId, options.now ?? new Date(), options.documentId);
  if (grants.length === 0) return null;
  return { permission: grants.some((g) => g.permission === "READ_WRITE") ? "READ_WRITE" : "READ" };
}

/** The ids of the patient's documents an open grant lets the doctor see, or "ALL". */
export async function visibleDocumentScope(doctorId: string, patientId: string, now = new Date()): Promise<"ALL" | string[]> {
  const grants = await openGrants(doctorId, patientId, now);
  if (grants.some((g) => g.allDocuments)) return "ALL";
  if (grants.length === 0) return [];
  const listed = await db().accessGrantDocument.findMany({ where: { grantId: { in: grants.map((g) => g.id) } }, select: { documentId: true } });
  return [...new Set(listed.map((d) => d.documentId))];
}
