import "server-only";
import { db } from "@/lib/db/client";

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
 * their window (so revocation and expiry bite on the next request, before the worker marks them).
 * With `documentId`, only grants covering that document count. Null: no access.
 */
export async function doctorAccess(doctorId: string, patientId: string, options: { documentId?: string; now?: Date } = {}): Promise<DoctorAccess | null> {
  const now = options.now ?? new Date();
  const grants = await db().accessGrant.findMany({
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
  if (grants.length === 0) return null;
  return {
    permission: grants.some((g) => g.permission === "READ_WRITE") ? "READ_WRITE" : "READ",
    grantIds: grants.map((g) => g.id),
    allDocuments: grants.some((g) => g.allDocuments),
  };
}

/** The ids of the patient's documents an open grant lets the doctor see, or "ALL". */
export async function visibleDocumentScope(doctorId: string, patientId: string, now = new Date()): Promise<"ALL" | string[]> {
  const grants = await db().accessGrant.findMany({
    where: { doctorId, patientId, state: "ACTIVE", notBefore: { lte: now }, notAfter: { gt: now } },
    select: { allDocuments: true, documents: { select: { documentId: true } } },
  });
  if (grants.some((g) => g.allDocuments)) return "ALL";
  return [...new Set(grants.flatMap((g) => g.documents.map((d) => d.documentId)))];
}
