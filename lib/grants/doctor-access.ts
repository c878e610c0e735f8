import "server-only";
import { db } from "@/lib/db/client";
import { grantsActiveOnChain } from "./ledger-check";

export type Permission = "READ" | "READ_WRITE";

export interface DoctorAccess {
  /** The strongest permission any open grant gives: READ_WRITE beats READ. */
  permission: Permission;
  /** Open grants that cover the request. */
  grantIds: string[];
  /** Whether one of them covers every document (so also new ones). */
  allDocuments: boolean;
}

/**
 * What a doctor may do with a patient's records right now, from grants that are ACTIVE and inside
 * their window (so revocation and expiry bite on the next request, before the worker marks them) and
 * that the chain confirms active (so an altered row alone opens nothing). With `documentId`, only grants
 * covering that document count. Null: no access. Throws LedgerUnavailable when the chain cannot be read.
 */
export async function doctorAccess(doctorId: string, patientId: string, options: { documentId?: string; now?: Date } = {}): Promise<DoctorAccess | null> {
  const now = options.now ?? new Date();
  let grants = await db().accessGrant.findMany({
    where: {
      doctorId,
      patientId,
      state: "ACTIVE",
      notBefore: { lte: now },
      notAfter: { gt: now },
      ...(options.documentId ? { OR: [{ allDocuments: true }, { documents: { some: { documentId: options.documentId } } }] } : {}),
    },
    select: { id: true, permission: true, allDocuments: true },
  });
  const onChain = await grantsActiveOnChain(grants.map((g) => g.id));
  grants = grants.filter((g) => onChain.has(g.id));
  if (grants.length === 0) return null;
  return {
    permission: grants.some((g) => g.permission === "READ_WRITE") ? "READ_WRITE" : "READ",
    grantIds: grants.map((g) => g.id),
    allDocuments: grants.some((g) => g.allDocuments),
  };
}

/** The ids of the patient's documents an open grant lets the doctor see, or "ALL". */
export async function visibleDocumentScope(doctorId: string, patientId: string, now = new Date()): Promise<"ALL" | string[]> {
  let grants = await db().accessGrant.findMany({
    where: { doctorId, patientId, state: "ACTIVE", notBefore: { lte: now }, notAfter: { gt: now } },
    select: { id: true, allDocuments: true, documents: { select: { documentId: true } } },
  });
  const onChain = await grantsActiveOnChain(grants.map((g) => g.id));
  grants = grants.filter((g) => onChain.has(g.id));
  if (grants.some((g) => g.allDocuments)) return "ALL";
  return [...new Set(grants.flatMap((g) => g.documents.map((d) => d.documentId)))];
}
