import { describe, expect, it } from "vitest";
import { constraintViolation } from "./errors";

/** The wrapper Prisma 7 puts around a driver error it has no dedicated code for. */
const prismaAdapterError = (cause: Record<string, unknown>) => ({ name: "PrismaClientKnownRequestError", code: "P2039", meta: { driverAdapterError: { name: "DriverAdapterError", cause } } });

describe("constraintViolation", () => {
  it.each([
    ["23505", "UNIQUE"],
    ["23P01", "EXCLUSION"],
    ["23503", "FOREIGN_KEY"],
    ["23514", "CHECK"],
  ] as const)("maps a raw pg error with SQLSTATE %s to %s", (code, violation) => {
    expect(constraintViolation({ code, message: "from node-postgres" })).toBe(violation);
  });

  it("maps Prisma's own unique-constraint code P2002", () => {
    expect(constraintViolation({ code: "P2002", meta: { target: ["email"] } })).toBe("UNIQUE");
  });

  it("reads the SQLSTATE the pg adapter keeps under meta.driverAdapterError.cause", () => {
    // As @prisma/adapter-pg 7.10 sends it (see errors.integration.test.ts).
    expect(constraintViolation(prismaAdapterError({ originalCode: "23P01", originalMessage: "conflicting key value violates exclusion constraint", kind: "postgres", code: "23P01" }))).toBe("EXCLUSION");
    // Fallbacks for adapters that send only the code, or only the kind.
    expect(constraintViolation(prismaAdapterError({ code: "23503" }))).toBe("FOREIGN_KEY");
    expect(constraintViolation(prismaAdapterError({ kind: "UniqueConstraintViolation", constraint: { fields: ["email"] } }))).toBe("UNIQUE");
  });

  it("finds a violation wrapped in one or more `cause`s", () => {
    const driverError = { code: "23P01" };
    expect(constraintViolation(new Error("booking failed", { cause: driverError }))).toBe("EXCLUSION");
    expect(constraintViolation({ cause: { cause: prismaAdapterError({ originalCode: "23505" }) } })).toBe("UNIQUE");
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a string", "23505"],
    ["a plain Error", new Error("duplicate key value violates unique constraint")],
    ["a non-constraint SQLSTATE (serialization failure)", { code: "40001" }],
    ["an unrelated Prisma code (record not found)", { code: "P2025" }],
    ["an adapter error without a SQLSTATE (database unreachable)", { code: "P2010", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 } } } }],
    ["an adapter error with a non-constraint SQLSTATE", prismaAdapterError({ originalCode: "42P01" })],
  ])("returns undefined for %s", (_label, error) => {
    expect(constraintViolation(error)).toBeUndefined();
  });
});
