import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/db/generated/client";
import { answerOutagesWith503, isOutage, outageAsResult } from "./outage";

describe("isOutage", () => {
  it("recognises Prisma's error for a database that does not answer (a real one, from a closed port)", async () => {
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://nobody:nothing@127.0.0.1:1/none", connectionTimeoutMillis: 2_000 }) });
    const error = await client.user.findFirst().then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).not.toBeNull();
    expect(isOutage(error)).toBe(true);
  });

  it("recognises socket errors, Postgres shutdown codes and S3 5xx answers, also deep in a cause chain", () => {
    expect(isOutage(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9000"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isOutage(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isOutage({ name: "InternalError", $metadata: { httpStatusCode: 503 } })).toBe(true);
    expect(isOutage(new Error("query failed", { cause: new Error("Connection terminated unexpectedly") }))).toBe(true);
    // node-postgres' pool when no connection could be made in time (lib/db/sql.ts).
    expect(isOutage(new Error("timeout exceeded when trying to connect"))).toBe(true);
  });

  it("does not mistake bugs and expected failures for outages", () => {
    expect(isOutage(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isOutage(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isOutage({ name: "NoSuchKey", $metadata: { httpStatusCode: 404 } })).toBe(false);
    expect(isOutage(null)).toBe(false);
  });
});

describe("outageAsResult and answerOutagesWith503", () => {
  const down = () => Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });

  it("turns an outage into UNAVAILABLE, passes results through and rethrows bugs", async () => {
    expect(await outageAsResult(() => Promise.reject(down()))).toMatchObject({ ok: false, error: { code: "UNAVAILABLE" } });
    expect(await outageAsResult(() => Promise.resolve({ ok: true as const, value: 7 }))).toEqual({ ok: true, value: 7 });
    await expect(outageAsResult(() => Promise.reject(new TypeError("bug")))).rejects.toThrow("bug");
  });

  it("answers 503 with Retry-After and the clear message for an outage, and rethrows bugs", async () => {
    const response = await answerOutagesWith503(() => Promise.reject(down()))();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ code: "UNAVAILABLE", message: expect.stringContaining("try again") });
    await expect(answerOutagesWith503(() => Promise.reject(new TypeError("bug")))()).rejects.toThrow("bug");
  });
});
