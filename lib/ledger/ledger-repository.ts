import "server-only";
import { db } from "@/lib/db/client";
import type { AnchorKindDto, AnchorStateDto, FailedAnchorDto } from "./dtos";

/** The only place the ledger touches Prisma: reads of the outbox and of what its rows anchor. */

const anchorSelect = {
  id: true,
  kind: true,
  action: true,
  state: true,
  subjectId: true,
  anchorId: true,
  txHash: true,
  blockNumber: true,
  blockTime: true,
  createdAt: true,
  confirmedAt: true,
  batchRoot: true,
} as const;

/** A patient's documents (titles) and grants (doctor names): everything of theirs an anchor can stand for. */
export async function patientSubjects(patientId: string, subjectIds?: string[]) {
  const only = subjectIds ? { id: { in: subjectIds } } : {};
  const [documents, grants] = await Promise.all([
    db().document.findMany({ where: { ownerId: patientId, ...only }, select: { id: true, title: true } }),
    db().accessGrant.findMany({ where: { patientId, ...only }, select: { id: true, doctor: { select: { user: { select: { name: true } } } } } }),
  ]);
  return {
    documents: new Map(documents.map((d) => [d.id, d.title])),
    grants: new Map(grants.map((g) => [g.id, `Dr. ${g.doctor.user.name}`])),
  };
}

function patientAnchorsWhere(documentIds: string[], grantIds: string[]) {
  return {
    OR: [
      { kind: "DOCUMENT" as const, subjectId: { in: documentIds } },
      { kind: "GRANT" as const, subjectId: { in: grantIds } },
    ],
  };
}

export function countPatientAnchors(documentIds: string[], grantIds: string[]): Promise<number> {
  return db().anchor.count({ where: patientAnchorsWhere(documentIds, grantIds) });
}

export function pagePatientAnchors(documentIds: string[], grantIds: string[], skip: number, take: number) {
  return db().anchor.findMany({ where: patientAnchorsWhere(documentIds, grantIds), orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take, select: anchorSelect });
}

/** Outbox rows behind chain events: by anchor id (records, revocations) or by Merkle root (batched documents). */
export function anchorsForEvents(anchorIds: string[], batchRoots: string[]) {
  if (anchorIds.length === 0 && batchRoots.length === 0) return Promise.resolve([]);
  return db().anchor.findMany({
    where: { OR: [{ anchorId: { in: anchorIds } }, { batchRoot: { in: batchRoots } }] },
    select: { kind: true, action: true, state: true, subjectId: true, anchorId: true, batchRoot: true },
  });
}

export async function anchorCountsByState(): Promise<{ counts: Record<AnchorStateDto, number>; retrying: number; oldestPendingAt: Date | null }> {
  const [grouped, extra] = await Promise.all([
    db().$queryRaw<{ state: AnchorStateDto; count: number }[]>`SELECT state::text AS state, count(*)::int AS count FROM anchors GROUP BY state`,
    db().$queryRaw<{ retrying: number; oldest: Date | null }[]>`
      SELECT count(*) FILTER (WHERE attempts > 0)::int AS retrying, min(created_at) AS oldest
      FROM anchors WHERE state = 'PENDING'`,
  ]);
  const counts: Record<AnchorStateDto, number> = { PENDING: 0, SENT: 0, CONFIRMED: 0, FAILED: 0 };
  for (const row of grouped) counts[row.state] = row.count;
  return { counts, retrying: extra[0]?.retrying ?? 0, oldestPendingAt: extra[0]?.oldest ?? null };
}

/**
 * Commit-to-confirmation lag over the latest confirmed rows that went out in a transaction (expiries and
 * rows the chain already held settle without one and would flatter the figure).
 */
export async function anchorLag(sample: number): Promise<{ p50: number | null; p95: number | null; n: number }> {
  const rows = await db().$queryRaw<{ p50: number | null; p95: number | null; n: number }[]>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lag_ms) AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY lag_ms) AS p95,
           count(*)::int AS n
    FROM (
      SELECT (extract(epoch FROM confirmed_at - created_at) * 1000)::float8 AS lag_ms
      FROM anchors
      WHERE state = 'CONFIRMED' AND confirmed_at IS NOT NULL AND transaction_id IS NOT NULL
      ORDER BY confirmed_at DESC
      LIMIT ${sample}
    ) latest`;
  const row = rows[0];
  return { p50: row?.p50 ?? null, p95: row?.p95 ?? null, n: row?.n ?? 0 };
}

export function countTransactionsInFlight(): Promise<number> {
  return db().chainTransaction.count({ where: { state: { in: ["SIGNED", "SENT"] } } });
}

export async function latestFailedAnchors(take: number): Promise<FailedAnchorDto[]> {
  const rows = await db().anchor.findMany({
    where: { state: "FAILED" },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, kind: true, action: true, subjectId: true, anchorId: true, attempts: true, lastError: true, createdAt: true, updatedAt: true },
  });
  return rows.map((row) => ({ ...row, kind: row.kind as AnchorKindDto }));
}
