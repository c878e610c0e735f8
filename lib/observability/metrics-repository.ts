import "server-only";
import { db } from "@/lib/db/client";

export interface QueueSnapshot {
  anchorPending: number;
  anchorFailed: number;
  /** Age in seconds of the oldest anchor not yet confirmed; 0 when none waits. */
  anchorOldestPendingSeconds: number;
  mailPending: number;
  mailFailed: number;
  integrityFailed: number;
  integrityUnscrubbed: number;
  /** Unix seconds of the latest scrub of any document; 0 when none ran. */
  integrityLastScrubSeconds: number;
}

/** The outboxes and the integrity scrub as Postgres sees them now: one round trip, indexed counts. */
export async function readQueueSnapshot(): Promise<QueueSnapshot> {
  const [row] = await db().$queryRaw<Record<keyof QueueSnapshot, number>[]>`
    SELECT
      (SELECT count(*) FROM anchors WHERE state IN ('PENDING', 'SENT'))::int AS "anchorPending",
      (SELECT count(*) FROM anchors WHERE state = 'FAILED')::int AS "anchorFailed",
      coalesce((SELECT extract(epoch FROM now() - min(created_at)) FROM anchors WHERE state IN ('PENDING', 'SENT')), 0)::float8 AS "anchorOldestPendingSeconds",
      (SELECT count(*) FROM mail_outbox WHERE state = 'PENDING')::int AS "mailPending",
      (SELECT count(*) FROM mail_outbox WHERE state = 'FAILED')::int AS "mailFailed",
      (SELECT count(*) FROM documents WHERE state = 'STORED' AND integrity_failed_at IS NOT NULL)::int AS "integrityFailed",
      (SELECT count(*) FROM documents WHERE state = 'STORED' AND scrubbed_at IS NULL)::int AS "integrityUnscrubbed",
      coalesce((SELECT extract(epoch FROM max(scrubbed_at)) FROM documents WHERE state = 'STORED'), 0)::float8 AS "integrityLastScrubSeconds"`;
  return { ...row!, anchorOldestPendingSeconds: Math.max(0, row!.anchorOldestPendingSeconds) };
}
