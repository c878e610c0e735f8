import "server-only";
import { db } from "@/lib/db/client";
import { deleteObject } from "@/lib/storage/object-storage";

export interface RemoveDroppedObjectsReport {
  removed: number;
  /** Removals that failed this run (storage still down); they are retried on the next run. */
  failed: number;
}

/** Objects removed per run: a bounded amount of storage calls, and the backlog after an outage drains over a few runs. */
export const REMOVE_DROPPED_OBJECTS_BATCH = 100;

/**
 * Removes the objects of FAILED and DELETED documents whose removal is still owed. The upload and the
 * delete paths remove their object at once and record it; when storage was down at that moment the
 * row keeps `objectRemovedAt` null and this task (run by the worker every few seconds) finishes the
 * job, so an outage leaves no object without its row for longer than the outage itself. Deleting an
 * object that is already gone succeeds, so a run that dies half-way only repeats harmless deletes.
 */
export async function removeDroppedObjects(batch = REMOVE_DROPPED_OBJECTS_BATCH): Promise<RemoveDroppedObjectsReport> {
  const owed = await db().document.findMany({
    where: { state: { in: ["FAILED", "DELETED"] }, objectRemovedAt: null },
    select: { id: true, storageKey: true },
    orderBy: { createdAt: "asc" },
    take: batch,
  });
  let removed = 0;
  for (const document of owed) {
    try {
      await deleteObject(document.storageKey);
    } catch {
      // Storage is down again or still: the rest of the batch would fail the same way.
      return { removed, failed: owed.length - removed };
    }
    await db().document.update({ where: { id: document.id }, data: { objectRemovedAt: new Date() } });
    removed += 1;
  }
  return { removed, failed: 0 };
}

/** Removes one object now; false when storage refused, which leaves the removal to removeDroppedObjects. */
export async function tryRemoveObject(storageKey: string): Promise<boolean> {
  return deleteObject(storageKey).then(
    () => true,
    () => false,
  );
}
