/**
 * The invariants checker against the suite's real Postgres, S3 server and anvil: silent on data written
 * the way the app writes it, and catching one planted violation of each kind.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import { anchorPending } from "@/lib/anchors/anchor-worker";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { deleteObject, putObjectStream } from "@/lib/storage/object-storage";
import { createPatient, createVerifiedDoctor, deleteTestData, storeTestDocument, testPdf, type TestPatient } from "@/lib/testing/fixtures";
import { insertPendingDocuments } from "./test-support/anchor-ledger";
import { checkInvariants, type Invariant, type Violation } from "./check-invariants";

let patient: TestPatient;
let pool: pg.Pool;

beforeAll(async () => {
  patient = await createPatient();
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
});

afterAll(async () => {
  await deleteTestData();
  await pool?.end();
});

const store = (label: string) => storeTestDocument(patient.actor, testPdf(label), { title: label });
const kinds = (violations: { invariant: Invariant }[]) => [...new Set(violations.map((v) => v.invariant))].sort();

describe("checkInvariants", () => {
  it("passes on documents, anchors and appointments written as the app writes them", async () => {
    const since = new Date();
    await Promise.all([store("clean one"), store("clean two")]);
    await anchorPending();
    expect(await checkInvariants({ since, outboxTimeoutMs: 5_000 })).toEqual([]);
  });

  it("catches a planted violation of each kind", async () => {
    const since = new Date();
    // Anchored alone first, so sending it again repeats the same anchorDocument call (not a batch's).
    const sentTwice = await store("sent twice");
    await anchorPending();
    const [altered, missing, edited] = await Promise.all([store("altered"), store("missing"), store("edited anchor")]);
    await anchorPending();

    const rowOf = (id: string) => db().document.findUniqueOrThrow({ where: { id } });
    await putObjectStream((await rowOf(altered)).storageKey, Buffer.from("not the ciphertext that was stored"));
    await deleteObject((await rowOf(missing)).storageKey);
    const orphanKey = `documents/${patient.user.id}/${randomUUID()}`;
    await putObjectStream(orphanKey, Buffer.from("an object no row claims"));
    await db().anchor.updateMany({ where: { subjectId: edited }, data: { commitment: `0x${"ab".repeat(32)}` } });
    // The worker sending a row again: a second mined transaction for the same id (a no-op for the contract).
    await db().anchor.updateMany({ where: { subjectId: sentTwice }, data: { state: "PENDING", transactionId: null, txHash: null, batchRoot: null, proof: Prisma.DbNull } });
    await anchorPending();
    // No worker runs in this suite: a row inserted now stays PENDING.
    const [stuck] = await insertPendingDocuments(pool, 1);

    const doctor = await createVerifiedDoctor();
    const other = await createPatient();
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
    // The schema forbids both duplicates, so its guards are lifted for the planting and put back after.
    await pool.query("ALTER TABLE appointments DROP CONSTRAINT appointments_doctor_no_overlap");
    await pool.query("DROP INDEX appointments_patient_id_idempotency_key_key");
    let violations: Violation[];
    try {
      await db().appointment.createMany({
        data: [
          { doctorId: doctor.doctorId, patientId: patient.user.id, startsAt, endsAt, idempotencyKey: "same key" },
          { doctorId: doctor.doctorId, patientId: other.user.id, startsAt, endsAt, idempotencyKey: "other key" },
          { doctorId: doctor.doctorId, patientId: patient.user.id, startsAt: endsAt, endsAt: new Date(endsAt.getTime() + 30 * 60_000), status: "CANCELLED", idempotencyKey: "same key" },
        ],
      });
      violations = await checkInvariants({ since, outboxTimeoutMs: 1_000, objectsTimeoutMs: 1_000 });
    } finally {
      await db().appointment.deleteMany({ where: { doctorId: doctor.doctorId } });
      await pool.query("CREATE UNIQUE INDEX appointments_patient_id_idempotency_key_key ON appointments (patient_id, idempotency_key)");
      await pool.query("ALTER TABLE appointments ADD CONSTRAINT appointments_doctor_no_overlap EXCLUDE USING gist (doctor_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (status = 'BOOKED')");
      await deleteObject(orphanKey);
    }

    expect(kinds(violations)).toEqual(["anchor-matches-chain", "duplicate-anchor-transaction", "duplicate-appointment", "object-without-row", "outbox-confirmed", "stored-document-object"]);
    const subjects = (invariant: Invariant) => violations.filter((v) => v.invariant === invariant).map((v) => v.subject);
    expect(subjects("stored-document-object").sort()).toEqual([altered, missing].sort());
    expect(subjects("object-without-row")).toEqual([orphanKey]);
    expect(subjects("outbox-confirmed")).toEqual([stuck!.id]);
    expect(subjects("duplicate-appointment")).toHaveLength(2);
    const anchorOf = async (id: string) => db().anchor.findFirstOrThrow({ where: { subjectId: id } });
    expect(subjects("duplicate-anchor-transaction")).toEqual([(await anchorOf(sentTwice)).anchorId]);
    expect(subjects("anchor-matches-chain")).toEqual([(await anchorOf(edited)).id]);
  });
});
