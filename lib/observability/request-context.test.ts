import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { acceptRequestId, currentRequestId, runWithRequestContext } from "./request-context";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A logger writing into an array of parsed lines. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger(sink).child({ component: "test" }), lines };
}

describe("acceptRequestId", () => {
  it("keeps a well-formed incoming id", () => {
    expect(acceptRequestId("abcd-1234-EFGH")).toBe("abcd-1234-EFGH");
    expect(acceptRequestId(["0123456789abcdef", "ignored-second"])).toBe("0123456789abcdef");
    const uuid = crypto.randomUUID();
    expect(acceptRequestId(uuid)).toBe(uuid);
  });

  it("replaces a missing, short, long or dangerous id with a fresh UUID", () => {
    for (const bad of [undefined, null, "", "short", "x".repeat(65), 'abc"}\n{"level":"fatal', "id with spaces", "jane@example.org"]) {
      const accepted = acceptRequestId(bad);
      expect(accepted, String(bad)).toMatch(UUID);
    }
    expect(acceptRequestId(undefined)).not.toBe(acceptRequestId(undefined));
  });
});

describe("request context in log lines", () => {
  it("puts the request id on every line written inside the request, also after awaits, and none outside", async () => {
    const { log, lines } = capturingLogger();
    log.info({ event: "before" });
    await runWithRequestContext({ reqId: "req-0001-abcd" }, async () => {
      log.info({ event: "start" });
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(currentRequestId()).toBe("req-0001-abcd");
      log.warn({ event: "after-await", documentId: "d-1" });
    });
    await runWithRequestContext({ reqId: "req-0002-abcd" }, async () => log.error({ event: "other" }));
    log.info({ event: "after" });

    expect(lines.map((l) => [l.event, l.reqId, l.level])).toEqual([
      ["before", undefined, "info"],
      ["start", "req-0001-abcd", "info"],
      ["after-await", "req-0001-abcd", "warn"],
      ["other", "req-0002-abcd", "error"],
      ["after", undefined, "info"],
    ]);
    expect(lines[2]).toMatchObject({ component: "test", documentId: "d-1", time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });

  it("keeps concurrent requests apart", async () => {
    const { log, lines } = capturingLogger();
    await Promise.all(
      ["req-aaaa-0001", "req-bbbb-0002", "req-cccc-0003"].map((reqId, i) =>
        runWithRequestContext({ reqId }, async () => {
          await new Promise((resolve) => setTimeout(resolve, 10 - i * 3));
          log.info({ event: "done", expected: reqId });
        }),
      ),
    );
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.reqId).toBe(line.expected);
  });

  it("redacts personal fields that slip into a line", () => {
    const { log, lines } = capturingLogger();
    log.info({ event: "oops", email: "jane@example.org", user: { name: "Jane Doe" }, documentId: "d-2" });
    expect(JSON.stringify(lines[0])).not.toMatch(/jane/i);
    expect(lines[0]).toMatchObject({ email: "[redacted]", user: { name: "[redacted]" }, documentId: "d-2" });
  });
});
