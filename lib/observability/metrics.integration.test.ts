/**
 * /api/metrics against the suite's real Postgres: who may read it (session and token), that the output
 * is valid Prometheus text, and that the figures follow what happens (uploads, bookings, the anchor and
 * mail outboxes, the integrity scrub).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);
vi.mock("next/headers", async () => (await import("@/scripts/test-support/request-scope")).headersModuleStub);

import { GET } from "@/app/api/metrics/route";
import { bookAppointment } from "@/lib/appointments/book-appointment";
import { db } from "@/lib/db/client";
import { createAdmin, createPatient, createVerifiedDoctor, deleteTestData, everyDayRules, storeTestDocument, testPdf, type TestPatient, type TestUser } from "@/lib/testing/fixtures";
import { beginRequest } from "@/scripts/test-support/request-scope";
import { readMetrics } from "./read-metrics";

const TOKEN = `metrics-test-${randomUUID()}`;
let patient: TestPatient;
let admin: TestUser;
let previousToken: string | undefined;

beforeAll(async () => {
  previousToken = process.env.METRICS_TOKEN;
  process.env.METRICS_TOKEN = TOKEN;
  patient = await createPatient();
  admin = await createAdmin();
});

afterAll(async () => {
  if (previousToken === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = previousToken;
  await deleteTestData();
});

function get(sessionId: string | undefined, authorization?: string): Promise<Response> {
  beginRequest(sessionId);
  return GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reader of the Prometheus text format (0.0.4): HELP and TYPE comments, then samples
 * `name{label="value",...} number`. Throws on any line that is neither, or a sample of an undeclared family.
 */
function parsePrometheus(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  const sample = new RegExp(`^(${NAME})(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\]|\\\\.)*",?)*)\\})? (\\S+)(?: \\d+)?$`);
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const type = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (new RegExp(`^# HELP ${NAME} .*$`).test(line)) continue;
    const match = sample.exec(line);
    if (!match) throw new Error(`not Prometheus text: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    // Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case (prom-client writes "Nan").
    const raw = match[3]!.toLowerCase();
    const value = raw === "nan" ? NaN : raw === "+inf" || raw === "inf" ? Infinity : raw === "-inf" ? -Infinity : Number(raw);
    if (Number.isNaN(value) && raw !== "nan") throw new Error(`bad value: ${line}`);
    const family = [...types.keys()].find((name) => match[1] === name || new RegExp(`^${name}_(bucket|sum|count)$`).test(match[1]!));
    if (!family) throw new Error(`sample without a TYPE: ${line}`);
    samples.push({ name: match[1]!, labels, value });
  }
  return { types, samples };
}

async function scrape(): Promise<ReturnType<typeof parsePrometheus>> {
  const response = await get(undefined, `Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await response.text());
}

const valueOf = (parsed: ReturnType<typeof parsePrometheus>, name: string, labels: Record<string, string> = {}) =>
  parsed.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe("who may read /api/metrics", () => {
  it("refuses the anonymous visitor (401) and a patient (403), and audits the refusal", async () => {
    const anonymous = await get(undefined);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(await anonymous.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    const before = await db().auditEvent.count({ where: { actorId: patient.user.id, action: "authz.deny" } });
    const asPatient = await get(patient.sessionId);
    expect(asPatient.status).toBe(403);
    expect(await asPatient.json()).toMatchObject({ code: "FORBIDDEN" });
    expect(await db().auditEvent.count({ where: { actorId: patient.user.id, action: "authz.deny" } })).toBe(before + 1);
  });

  it("lets an administrator with a second factor read them, but not one without", async () => {
    const response = await get(admin.sessionId);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("# TYPE http_requests_total counter");
    const withoutMfa = await createAdmin({ mfa: false });
    expect((await get(withoutMfa.sessionId)).status).toBe(403);
  });

  it("accepts the configured token and refuses a wrong, malformed or unconfigured one", async () => {
    expect((await get(undefined, `Bearer ${TOKEN}`)).status).toBe(200);
    expect((await get(undefined, `bearer ${TOKEN}`)).status).toBe(200);
    for (const wrong of [`Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}0`, "Bearer ", `Basic ${TOKEN}`, TOKEN]) {
      expect((await get(undefined, wrong)).status, wrong).toBe(401);
    }
    // The credential presented decides: a wrong token is refused even with an administrator's session.
    expect((await get(admin.sessionId, "Bearer wrong-token")).status).toBe(401);
    delete process.env.METRICS_TOKEN;
    try {
      expect((await get(undefined, `Bearer ${TOKEN}`)).status).toBe(401);
    } finally {
      process.env.METRICS_TOKEN = TOKEN;
    }
  });
});

describe("what /api/metrics reports", () => {
  it("is valid Prometheus text with every named metric", async () => {
    const { types } = await scrape();
    expect(Object.fromEntries([...types].filter(([name]) => name.startsWith("http_") || name.startsWith("medanchor_")))).toEqual({
      http_requests_total: "counter",
      http_request_duration_seconds: "histogram",
      medanchor_upload_bytes_total: "counter",
      medanchor_bookings_total: "counter",
      medanchor_anchor_outbox_pending: "gauge",
      medanchor_anchor_outbox_failed: "gauge",
      medanchor_anchor_outbox_oldest_pending_seconds: "gauge",
      medanchor_mail_outbox_pending: "gauge",
      medanchor_mail_outbox_failed: "gauge",
      medanchor_integrity_documents_failed: "gauge",
      medanchor_integrity_documents_unscrubbed: "gauge",
      medanchor_integrity_last_scrub_timestamp_seconds: "gauge",
    });
    // Process metrics come along (prom-client's defaults).
    expect(types.get("process_resident_memory_bytes")).toBe("gauge");
  });

  it("counts uploaded bytes, and reads the pending anchor and its age from Postgres", async () => {
    const before = await scrape();
    const bytes = testPdf("metrics upload");
    const documentId = await storeTestDocument(patient.actor, bytes);
    // The upload's outbox row, as if it had waited two minutes for the chain.
    await db().anchor.updateMany({ where: { subjectId: documentId }, data: { createdAt: new Date(Date.now() - 120_000), nextAttemptAt: new Date(Date.now() + 600_000) } });
    const after = await scrape();
    expect(valueOf(after, "medanchor_upload_bytes_total", { outcome: "stored" })).toBe((valueOf(before, "medanchor_upload_bytes_total", { outcome: "stored" }) ?? 0) + bytes.length);
    expect(valueOf(after, "medanchor_anchor_outbox_pending")).toBeGreaterThanOrEqual(1);
    expect(valueOf(after, "medanchor_anchor_outbox_pending")).toBe(await db().anchor.count({ where: { state: { in: ["PENDING", "SENT"] } } }));
    expect(valueOf(after, "medanchor_anchor_outbox_oldest_pending_seconds")).toBeGreaterThanOrEqual(119);
    expect(valueOf(after, "medanchor_anchor_outbox_oldest_pending_seconds")).toBeLessThan(365 * 86_400);
    expect(valueOf(after, "medanchor_integrity_documents_unscrubbed")).toBeGreaterThanOrEqual(1);

    // The integrity scrub's outcome as the documents table records it.
    const scrubbedAt = new Date(Date.now() + 60_000);
    await db().document.update({ where: { id: documentId }, data: { scrubbedAt, integrityFailedAt: scrubbedAt, integrityProblem: "test" } });
    const scrubbed = await scrape();
    expect(valueOf(scrubbed, "medanchor_integrity_documents_failed")).toBe(await db().document.count({ where: { state: "STORED", integrityFailedAt: { not: null } } }));
    expect(valueOf(scrubbed, "medanchor_integrity_documents_failed")).toBeGreaterThanOrEqual(1);
    expect(valueOf(scrubbed, "medanchor_integrity_last_scrub_timestamp_seconds")).toBeCloseTo(scrubbedAt.getTime() / 1000, 0);
  });

  it("reads the mail outbox's pending and failed rows", async () => {
    const before = await scrape();
    await db().mailOutbox.createMany({
      data: [
        { idempotencyKey: `metrics-test:${randomUUID()}`, userId: patient.user.id, template: "integrity.alert", state: "PENDING", nextAttemptAt: new Date(Date.now() + 3_600_000) },
        { idempotencyKey: `metrics-test:${randomUUID()}`, userId: patient.user.id, template: "integrity.alert", state: "FAILED" },
      ],
    });
    const after = await scrape();
    expect(valueOf(after, "medanchor_mail_outbox_pending")).toBe((valueOf(before, "medanchor_mail_outbox_pending") ?? 0) + 1);
    expect(valueOf(after, "medanchor_mail_outbox_failed")).toBe((valueOf(before, "medanchor_mail_outbox_failed") ?? 0) + 1);
  });

  it("counts bookings by outcome", async () => {
    const doctor = await createVerifiedDoctor({ rules: everyDayRules() });
    const other = await createPatient();
    const slotMs = 10 * 60_000;
    const startsAt = new Date(Math.ceil((Date.now() + 3 * 3_600_000) / slotMs) * slotMs);
    const slot = { doctorId: doctor.doctorId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + slotMs).toISOString() };
    const before = await scrape();
    expect(await bookAppointment(patient.actor, { ...slot, idempotencyKey: randomUUID() })).toMatchObject({ ok: true });
    expect(await bookAppointment(other.actor, { ...slot, idempotencyKey: randomUUID() })).toMatchObject({ ok: false, error: { code: "SLOT_TAKEN" } });
    expect(await bookAppointment(doctor.actor, { ...slot, idempotencyKey: randomUUID() })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const after = await scrape();
    for (const outcome of ["booked", "slot_taken", "forbidden"]) {
      expect(valueOf(after, "medanchor_bookings_total", { outcome }), outcome).toBe((valueOf(before, "medanchor_bookings_total", { outcome }) ?? 0) + 1);
    }
  });

  it("is the same service for the route and for a direct call", async () => {
    const result = await readMetrics(admin.actor, null);
    expect(result).toMatchObject({ ok: true, value: { contentType: expect.stringContaining("text/plain") } });
    expect(await readMetrics(patient.actor, null)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });
});
