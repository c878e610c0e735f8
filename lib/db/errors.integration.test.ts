/**
 * The error shapes Prisma 7 + @prisma/adapter-pg really produce, against the suite's Postgres, so
 * constraintViolation() is checked against what the driver emits rather than what we believe it emits.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { constraintViolation } from "./errors";

async function rejectionOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the database to reject the write");
}

describe("constraintViolation on real Prisma errors", () => {
  const suffix = randomUUID().replaceAll("-", "").slice(0, 12);
  const email = `unique-${suffix}@example.test`;
  // Tables of our own, so the test depends on no model that is still being designed.
  const slots = `errors_test_slots_${suffix}`;
  const parents = `errors_test_parents_${suffix}`;
  const children = `errors_test_children_${suffix}`;

  beforeAll(async () => {
    await db().$executeRawUnsafe(`CREATE TABLE ${slots} (doctor_id int NOT NULL, during tstzrange NOT NULL, EXCLUDE USING gist (doctor_id WITH =, during WITH &&))`);
    await db().$executeRawUnsafe(`CREATE TABLE ${parents} (id int PRIMARY KEY)`);
    await db().$executeRawUnsafe(`CREATE TABLE ${children} (parent_id int NOT NULL REFERENCES ${parents} (id))`);
  });

  afterAll(async () => {
    await db().user.deleteMany({ where: { email } });
    await db().$executeRawUnsafe(`DROP TABLE IF EXISTS ${children}, ${parents}, ${slots}`);
  });

  it("maps a duplicate email through the user model (P2002) to UNIQUE", async () => {
    const user = { email, name: "Unique Test", role: "PATIENT" } as const;
    await db().user.create({ data: user });
    const error = await rejectionOf(() => db().user.create({ data: user }));

    expect(error).toMatchObject({ name: "PrismaClientKnownRequestError", code: "P2002", meta: { driverAdapterError: { cause: { originalCode: "23505", kind: "UniqueConstraintViolation" } } } });
    expect(constraintViolation(error)).toBe("UNIQUE");
  });

  it("maps an overlapping range through raw SQL (P2010) to EXCLUSION", async () => {
    const insert = (from: string, to: string) => db().$executeRawUnsafe(`INSERT INTO ${slots} VALUES (1, tstzrange($1::timestamptz, $2::timestamptz))`, from, to);
    await insert("2027-01-04T10:00Z", "2027-01-04T10:30Z");
    const error = await rejectionOf(() => insert("2027-01-04T10:15Z", "2027-01-04T10:45Z"));

    expect(error).toMatchObject({ code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "23P01", kind: "postgres", code: "23P01" } } } });
    expect(constraintViolation(error)).toBe("EXCLUSION");
  });

  it("maps a missing parent row through raw SQL (P2010) to FOREIGN_KEY", async () => {
    const error = await rejectionOf(() => db().$executeRawUnsafe(`INSERT INTO ${children} VALUES (42)`));

    expect(error).toMatchObject({ code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "23503", kind: "ForeignKeyConstraintViolation" } } } });
    expect(constraintViolation(error)).toBe("FOREIGN_KEY");
  });
});
