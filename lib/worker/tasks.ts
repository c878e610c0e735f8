import "server-only";
import { anchorPending } from "@/lib/anchors/anchor-worker";
import { removeDroppedObjects } from "@/lib/documents/remove-dropped-objects";
import { sweepStorage, type SweepOptions } from "@/lib/documents/sweep-storage";
import { anchorAuditHead } from "@/lib/audit/anchor-audit-head";
import { expireAttestations } from "@/lib/doctors/attestation-anchor";
import { expireGrants } from "@/lib/grants/expire-grants";
import { scrubDocuments } from "@/lib/integrity/scrub";
import { queueReminders } from "@/lib/mail/queue-reminders";
import { sendPendingMail } from "@/lib/mail/send-mail";
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

/**
 * How often the objects of failed uploads and deleted documents are removed when storage was down at
 * the time. An empty backlog costs one indexed query, and an outage's leftovers go within seconds of recovery.
 */
export const REMOVE_DROPPED_OBJECTS_INTERVAL_MS = 15_000;

export function removeDroppedObjectsTask(intervalMs = REMOVE_DROPPED_OBJECTS_INTERVAL_MS): WorkerTask {
  return { name: "remove-dropped-objects", intervalMs, run: async () => ({ ...(await removeDroppedObjects()) }) };
}

/**
 * How often ended grant windows are marked EXPIRED (with their EXPIRE anchor rows). Reads never wait
 * for it, they check the window themselves, so a minute only bounds how late the ledger shows it.
 */
export const EXPIRE_GRANTS_INTERVAL_MS = 60_000;

export function expireGrantsTask(intervalMs = EXPIRE_GRANTS_INTERVAL_MS): WorkerTask {
  return { name: "expire-grants", intervalMs, run: async () => ({ ...(await expireGrants()) }) };
}

/**
 * How often the anchor task looks for new outbox rows; each run drains what is waiting. A quarter second
 * keeps commit-to-confirmed lag near one block (p95 ≤ 2 s at 1 s blocks) for the price of one cheap
 * indexed query when the queue is empty.
 */
export const ANCHOR_INTERVAL_MS = 250;

/** Sends PENDING outbox rows to the chain and settles what is in flight (lib/anchors/anchor-worker.ts). */
export function anchorTask(intervalMs = ANCHOR_INTERVAL_MS): WorkerTask {
  // Receipts are picked up by the next run's reconciler, so sending never waits for a block.
  return { name: "anchor", intervalMs, run: async (signal) => ({ ...(await anchorPending({ signal, waitForReceipts: false })) }) };
}

/** The integrity scrub re-hashes SCRUB_BATCH documents every SCRUB_INTERVAL_MS: a bounded read rate on storage. */
export const SCRUB_INTERVAL_MS = 5 * 60_000;
export const SCRUB_BATCH = 20;

export function scrubTask(intervalMs = SCRUB_INTERVAL_MS): WorkerTask {
  return { name: "integrity-scrub", intervalMs, run: async () => ({ ...(await scrubDocuments({ limit: SCRUB_BATCH })) }) };
}

/** The audit trail's head is anchored every 15 minutes (when it moved). */
export const AUDIT_HEAD_INTERVAL_MS = 15 * 60_000;

export function auditHeadTask(intervalMs = AUDIT_HEAD_INTERVAL_MS): WorkerTask {
  return { name: "anchor-audit-head", intervalMs, run: async () => ({ queued: (await anchorAuditHead()).queued ? 1 : 0 }) };
}

/** Attestations end with a licence's last day or after a year; an hour's delay in recording it is fine. */
export const EXPIRE_ATTESTATIONS_INTERVAL_MS = 60 * 60_000;

export function expireAttestationsTask(intervalMs = EXPIRE_ATTESTATIONS_INTERVAL_MS): WorkerTask {
  return { name: "expire-attestations", intervalMs, run: async () => ({ ...(await expireAttestations()) }) };
}

/** Mail waits at most this long in the outbox; an empty queue costs one indexed query per run. */
export const SEND_MAIL_INTERVAL_MS = 5_000;

/** Sends due outbox mail over SMTP with retries (lib/mail/send-mail.ts). */
export function sendMailTask(intervalMs = SEND_MAIL_INTERVAL_MS): WorkerTask {
  return { name: "send-mail", intervalMs, run: async () => ({ ...(await sendPendingMail()) }) };
}

/** Reminders are due 24 h and 1 h before a visit; a minute late is fine, and re-running queues nothing twice. */
export const QUEUE_REMINDERS_INTERVAL_MS = 60_000;

export function queueRemindersTask(intervalMs = QUEUE_REMINDERS_INTERVAL_MS): WorkerTask {
  return { name: "queue-reminders", intervalMs, run: async () => ({ ...(await queueReminders()) }) };
}

/** Everything the worker process runs, in order of priority when several are due at once. Add a task with one line here. */
export const workerTasks: readonly WorkerTask[] = [anchorTask(), expireGrantsTask(), expireAttestationsTask(), sweepStorageTask(), removeDroppedObjectsTask(), scrubTask(), auditHeadTask(), sendMailTask(), queueRemindersTask()];
