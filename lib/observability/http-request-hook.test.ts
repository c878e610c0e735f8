import { Server, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const lines = vi.hoisted(() => [] as Record<string, unknown>[]);

vi.mock("./logger", async (importOriginal) => {
  const original = await importOriginal<typeof import("./logger")>();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const root = original.createLogger(sink);
  return { ...original, loggerFor: (component: string) => root.child({ component }), logger: root.child({ component: "app" }) };
});

import { hookHttpServers } from "./http-request-hook";
import { logger } from "./logger";
import { metrics } from "./metrics";
import { currentRequestId } from "./request-context";

/** A subclass, so the test hooks its own server class and not every http.Server of the test process. */
class ObservedServer extends Server {}
hookHttpServers(ObservedServer);

let server: ObservedServer;
let base: string;

beforeAll(async () => {
  server = new ObservedServer(async (req: IncomingMessage, res: ServerResponse) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    logger.info({ event: "handler.ran" });
    res.statusCode = req.url?.startsWith("/missing") ? 404 : 200;
    res.end(JSON.stringify({ seen: currentRequestId(), header: req.headers["x-request-id"] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const accessLines = () => lines.filter((l) => l.event === "http.request");

describe("the HTTP server hook", () => {
  it("echoes a well-formed x-request-id, and the handler runs inside that request's context", async () => {
    const response = await fetch(`${base}/patient/documents`, { headers: { "x-request-id": "lb-request-0001" } });
    expect(response.headers.get("x-request-id")).toBe("lb-request-0001");
    expect(await response.json()).toEqual({ seen: "lb-request-0001", header: "lb-request-0001" });
    expect(lines.find((l) => l.event === "handler.ran" && l.reqId === "lb-request-0001")).toBeDefined();
  });

  it("replaces a malformed id with a UUID and uses it throughout", async () => {
    const response = await fetch(`${base}/patient`, { headers: { "x-request-id": "bad id" } });
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ seen: id, header: id });
  });

  it("logs one access line per request with a bounded route and counts it", async () => {
    const documentId = crypto.randomUUID();
    const before = (await metrics().httpRequests.get()).values.find((v) => v.labels.route === "/api/documents/[id]/content" && v.labels.status === "200")?.value ?? 0;
    const response = await fetch(`${base}/api/documents/${documentId}/content?link=secret`, { method: "GET", headers: { "x-request-id": "access-line-0001" } });
    await response.text();
    await vi.waitFor(() => expect(accessLines().some((l) => l.reqId === "access-line-0001")).toBe(true));
    const line = accessLines().find((l) => l.reqId === "access-line-0001")!;
    expect(line).toMatchObject({ component: "http", method: "GET", route: "/api/documents/[id]/content", status: 200, ms: expect.any(Number) });
    expect(JSON.stringify(line)).not.toContain(documentId);
    expect(JSON.stringify(line)).not.toContain("secret");
    const after = (await metrics().httpRequests.get()).values.find((v) => v.labels.route === "/api/documents/[id]/content" && v.labels.status === "200")?.value ?? 0;
    expect(after).toBe(before + 1);
    const durations = (await metrics().httpDuration.get()).values.filter((v) => v.labels.route === "/api/documents/[id]/content" && v.metricName === "http_request_duration_seconds_count");
    expect(durations[0]?.value).toBeGreaterThanOrEqual(1);
  });

  it("labels every not-found path alike and made-up methods as OTHER", async () => {
    await (await fetch(`${base}/missing/wp-admin/setup.php`, { headers: { "x-request-id": "not-found-0001" } })).text();
    await (await fetch(`${base}/patient`, { method: "PROPFIND", headers: { "x-request-id": "odd-method-0001" } })).text();
    await vi.waitFor(() => expect(accessLines().filter((l) => l.reqId === "not-found-0001" || l.reqId === "odd-method-0001")).toHaveLength(2));
    expect(accessLines().find((l) => l.reqId === "not-found-0001")).toMatchObject({ route: "[not-found]", status: 404 });
    expect(accessLines().find((l) => l.reqId === "odd-method-0001")).toMatchObject({ method: "OTHER" });
  });

  it("hooks a server class once, however often register() runs", () => {
    const emit = ObservedServer.prototype.emit;
    hookHttpServers(ObservedServer);
    expect(ObservedServer.prototype.emit).toBe(emit);
  });

  it("leaves other events alone", () => {
    const seen: unknown[] = [];
    const other = new ObservedServer();
    other.on("custom", (value) => seen.push(value));
    expect(other.emit("custom", 7)).toBe(true);
    expect(seen).toEqual([7]);
  });
});
