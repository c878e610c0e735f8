/**
 * The hash-chained audit trail against the suite's real Postgres: writers (also concurrent ones) keep
 * one linear chain, the database refuses UPDATE and DELETE, and verifyAuditChain finds the exact row
 * where someone able to switch the trigger off (the database owner) edited or removed history.
 *
 * The audit table is shared with every other integration test file, so each tampering is undone (as
 * the owner again) and the chain must verify as intact when this file is done.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { auditEventHash, type AuditHashInput } from "./audit-hash";
import { recordAuditEvent } from "./record-audit-event";
import { verifyAuditChain } from "./verify-audit-chain";

const run = randomUUID().slice(0, 8);
const TRIGGER = "audit_events_no_update_or_delete";

type Tx = Prisma.TransactionClient;
type AuditRow = Awaited<ReturnType<typeof rowsOf>>[number];

const rowsOf = (action: string) => db().auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });

/** Records `count` events under one action name and returns their rows in chain order. */
async function record(label: string, count: number): Promise<AuditRow[]> {
  const action = `test.chain.${label}.${run}`;
  for (let i = 0; i < count; i++) await recordAuditEvent({ action, outcome: i % 2 ? "DENY" : "ALLOW", subjectType: "test", subjectId: `${i}`, details: { step: i, note: `event ${i} – ünïcödé`, flag: i % 2 === 0, nothing: null } });
  return rowsOf(action);
}

/** As the database owner: the append-only trigger is off for this one transaction only. */
async function withoutAppendOnlyTrigger(work: (tx: Tx) => Promise<unknown>): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE TRIGGER ${TRIGGER}`);
    await work(tx);
    await tx.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE TRIGGER ${TRIGGER}`);
  });
}

const restoreContent = (row: AuditRow) =>
  withoutAppendOnlyTrigger((tx) => tx.auditEvent.update({ where: { id: row.id }, data: { action: row.action, details: row.details as Prisma.InputJsonValue, hash: row.hash, prevHash: row.prevHash } }));

function hashInput(row: AuditRow, changes: Partial<AuditHashInput> = {}): AuditHashInput {
  const { id, at, actorId, actorRole, action, subjectType, subjectId, outcome, ip, userAgent, details, prevHash } = row;
  return { id, at, actorId, actorRole, action, subjectType, subjectId, outcome, ip, userAgent, details, prevHash, ...changes };
}

afterAll(async () => {
  // Whatever happened above, the shared trail must be left as it was found.
  expect(await verifyAuditChain()).toMatchObject({ intact: true });
});

describe("recording audit events", () => {
  it("links each event to the one before it, and the whole trail verifies", async () => {
    const rows = await record("linear", 5);
    expect(rows).toHaveLength(5);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    for (const row of rows) expect(row.hash).toBe(auditEventHash(hashInput(row)));

    const verdict = await verifyAuditChain();
    expect(verdict).toEqual({ intact: true, checked: await db().auditEvent.count() });
  });

  it("keeps one linear chain when 20 events are recorded at the same time", async () => {
    const action = `test.chain.concurrent.${run}`;
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordAuditEvent({ action, outcome: "ALLOW", subjectId: `${i}` })));

    expect(await rowsOf(action)).toHaveLength(20);
    // A fork would show as two rows naming the same predecessor.
    const forks = await db().$queryRaw<{ prev_hash: string }[]>`SELECT prev_hash FROM audit_events GROUP BY prev_hash HAVING count(*) > 1`;
    expect(forks).toEqual([]);
    expect(await verifyAuditChain()).toMatchObject({ intact: true });
  });

  it("writes nothing, and breaks nothing, when the caller's transaction rolls back", async () => {
    const action = `test.chain.rolled-back.${run}`;
    await expect(
      db().$transaction(async (tx) => {
        await recordAuditEvent({ action, outcome: "ALLOW" }, tx);
        throw new Error("the business change failed");
      }),
    ).rejects.toThrow("the business change failed");
    expect(await rowsOf(action)).toEqual([]);
    // The sequence value it took is simply skipped; ids may have gaps, the chain may not.
    await record("after-rollback", 2);
    expect(await verifyAuditChain()).toMatchObject({ intact: true });
  });
});

describe("the append-only trail", () => {
  it("refuses UPDATE and DELETE at the database, from any client", async () => {
    const [row] = await record("append-only", 1);
    await expect(db().$executeRaw`UPDATE audit_events SET details = '{"edited": true}'::jsonb WHERE id = ${row!.id}`).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.update({ where: { id: row!.id }, data: { action: "test.chain.rewritten" } })).rejects.toThrow(/append-only/);
    await expect(db().$executeRaw`DELETE FROM audit_events WHERE id = ${row!.id}`).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.deleteMany({ where: { id: row!.id } })).rejects.toThrow(/append-only/);
    expect(await db().auditEvent.findUniqueOrThrow({ where: { id: row!.id } })).toEqual(row);
  });
});

describe("verifyAuditChain after tampering by the database owner", () => {
  it("points at a row whose details were edited, and is intact again once they are restored", async () => {
    const rows = await record("edit-details", 3);
    const target = rows[1]!;
    await withoutAppendOnlyTrigger((tx) => tx.auditEvent.update({ where: { id: target.id }, data: { details: { ...(target.details as object), note: "nothing happened here" } } }));
    try {
      expect(await verifyAuditChain()).toEqual({ intact: false, checked: expect.any(Number), brokenAtId: target.id.toString(), reason: "row content does not match its hash" });
    } finally {
      await restoreContent(target);
    }
    expect(await verifyAuditChain()).toMatchObject({ intact: true });
  });

  it("points at a row whose action was edited", async () => {
    const rows = await record("edit-action", 3);
    const target = rows[1]!;
    await withoutAppendOnlyTrigger((tx) => tx.auditEvent.update({ where: { id: target.id }, data: { action: "test.chain.harmless" } }));
    try {
      expect(await verifyAuditChain()).toMatchObject({ intact: false, brokenAtId: target.id.toString(), reason: "row content does not match its hash" });
    } finally {
      await restoreContent(target);
    }
    expect(await verifyAuditChain()).toMatchObject({ intact: true });
  });

  it("points at the next row when the edited row's own hash was recomputed to match", async () => {
    const rows = await record("rehash", 3);
    const [, target, next] = rows as [AuditRow, AuditRow, AuditRow];
    const details = { ...(target.details as Record<string, unknown>), note: "rewritten history" };
    const forgedHash = auditEventHash(hashInput(target, { details }));
    await withoutAppendOnlyTrigger((tx) => tx.auditEvent.update({ where: { id: target.id }, data: { details, hash: forgedHash } }));
    try {
      expect(await verifyAuditChain()).toMatchObject({ intact: false, brokenAtId: next.id.toString(), reason: "link to the previous row does not match" });
    } finally {
      await restoreContent(target);
    }
    expect(await verifyAuditChain()).toMatchObject({ intact: true });
  });

  it("points at the row after a deleted one, and is intact again once it is put back", async () => {
    const rows = await record("delete", 3);
    const [, removed, next] = rows as [AuditRow, AuditRow, AuditRow];
    await withoutAppendOnlyTrigger((tx) => tx.auditEvent.delete({ where: { id: removed.id } }));
    try {
      expect(await verifyAuditChain()).toMatchObject({ intact: false, brokenAtId: next.id.toString(), reason: "link to the previous row does not match" });
    } finally {
      // Inserting is what the trail allows anyway; the row goes back with its original id and hash.
      await db().auditEvent.create({ data: { ...removed, details: removed.details as Prisma.InputJsonValue } });
    }
    expect(await verifyAuditChain()).toMatchObject({ intact: true });
  });

  it("finds the same row whatever the batch size, also right at a batch boundary", async () => {
    const rows = await record("batches", 4);
    const target = rows[2]!;
    const position = await db().auditEvent.count({ where: { id: { lte: target.id } } });
    await withoutAppendOnlyTrigger((tx) => tx.auditEvent.update({ where: { id: target.id }, data: { details: {} } }));
    try {
      for (const batchSize of [1, 2, 3, 7, position, position - 1, 1_000]) {
        expect(await verifyAuditChain(batchSize), `batch size ${batchSize}`).toMatchObject({ intact: false, brokenAtId: target.id.toString(), checked: position - 1 });
      }
    } finally {
      await restoreContent(target);
    }
    for (const batchSize of [1, 3, position]) expect(await verifyAuditChain(batchSize)).toMatchObject({ intact: true });
  });
});
