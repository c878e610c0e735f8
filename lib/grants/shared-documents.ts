import "server-only";
import { db } from "@/lib/db/client";

/** The subset of `ids` that are the patient's own stored documents. */
export async function ownStoredDocumentIds(patientId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db().document.findMany({ where: { id: { in: ids }, ownerId: patientId, state: "STORED" }, select: { id: true } });
  return rows.map((r) => r.id);
}
