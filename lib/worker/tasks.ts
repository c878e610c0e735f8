import "server-only";
import { sweepStorage, type SweepOptions } from "@/lib/documents/sweep-storage";
import type { WorkerTask } from "./worker";

/**
 * How often the storage sweeper runs. Orphans only cost storage and an UPLOADING row goes stale after
 * an hour (sweepStorage's default), so every ten minutes is plenty. A constant rather than a variable
 * in lib/env.ts until an operator needs to tune it.
 */
export const SWEEP_STORAGE_INTERVAL_MS = 10 * 60_000;

/** Expires stale uploads and removes objects no STORED row claims (lib/documents/sweep-storage.ts). */
export function sweepStorageTask(options: SweepOptions = {}, intervalMs = SWEEP_STORAGE_INTERVAL_MS): WorkerTask {
  return { name: "sweep-storage", intervalMs, run: async () => ({ ...(await sweepStorage(options)) }) };
}

/** Everything the worker process runs, in order of priority when several are due at once. Add a task with one line here. */
export const workerTasks: readonly WorkerTask[] = [sweepStorageTask()];
