import "server-only";
import { db } from "@/lib/db/client";
import type { InvariantScope, Violation } from "./violations";

/**
 * Two BOOKED appointments of one doctor overlapping in time, or two appointments of one patient under
 * one idempotency key. The schema forbids both (exclusion constraint, unique index): this checks that
 * nothing got past them, e.g. a migration that dropped one.
 */
export async function duplicateAppointments({ since }: InvariantScope): Promise<Violation[]> {
  const overlapping = await db().$queryRaw<{ first: string; second: string }[]>`
    SELECT a.id::text AS first, b.id::text AS second FROM appointments a
    JOIN appointments b ON b.doctor_id = a.doctor_id AND a.id < b.id
      AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
    WHERE a.status = 'BOOKED' AND b.status = 'BOOKED' AND (a.created_at >= ${since} OR b.created_at >= ${since})`;
  const sameKey = await db().$queryRaw<{ ids: string[] }[]>`
    SELECT array_agg(id::text ORDER BY id) AS ids FROM appointments WHERE created_at >= ${since}
    GROUP BY patient_id, idempotency_key HAVING count(*) > 1`;
  return [
    ...overlapping.map(({ first, second }) => ({ invariant: "duplicate-appointment" as const, subject: `${first} ${second}`, detail: "Two BOOKED appointments of one doctor overlap." })),
    ...sameKey.map(({ ids }) => ({ invariant: "duplicate-appointment" as const, subject: ids.join(" "), detail: "Appointments of one patient share an idempotency key." })),
  ];
}
