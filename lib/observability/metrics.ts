import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The process's Prometheus metrics. Counters are incremented where things happen (the HTTP hook, the
 * upload data plane, the booking service); the queue and scrub gauges are set from Postgres at scrape
 * time (lib/observability/read-metrics.ts), so every app instance reports the same database truth.
 * Labels come from small fixed sets (route labels, status codes, outcome codes): never an id.
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpLabels = ["method", "route", "status"] as const;
  return {
    registry,
    httpRequests: new Counter({ name: "http_requests_total", help: "HTTP requests served, by method, route label and status.", labelNames: httpLabels, registers: [registry] }),
    httpDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "Time from request to the end of the response, by method, route label and status.",
      labelNames: httpLabels,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    uploadBytes: new Counter({ name: "medanchor_upload_bytes_total", help: "Document bytes received by the upload data plane, by outcome (stored, failed).", labelNames: ["outcome"], registers: [registry] }),
    bookings: new Counter({ name: "medanchor_bookings_total", help: "Booking attempts by outcome: booked, or the error code (slot_taken, slot_unavailable, validation, ...).", labelNames: ["outcome"], registers: [registry] }),
    anchorPending: new Gauge({ name: "medanchor_anchor_outbox_pending", help: "Anchor outbox rows not yet confirmed on chain (PENDING or SENT).", registers: [registry] }),
    anchorFailed: new Gauge({ name: "medanchor_anchor_outbox_failed", help: "Anchor outbox rows that failed for good.", registers: [registry] }),
    anchorOldestPending: new Gauge({ name: "medanchor_anchor_outbox_oldest_pending_seconds", help: "Age of the oldest anchor outbox row not yet confirmed (0 when none waits).", registers: [registry] }),
    mailPending: new Gauge({ name: "medanchor_mail_outbox_pending", help: "Mails waiting to be sent.", registers: [registry] }),
    mailFailed: new Gauge({ name: "medanchor_mail_outbox_failed", help: "Mails given up after their retries.", registers: [registry] }),
    integrityFailed: new Gauge({ name: "medanchor_integrity_documents_failed", help: "Stored documents whose last integrity scrub found a mismatch (object, row and chain disagree).", registers: [registry] }),
    integrityUnscrubbed: new Gauge({ name: "medanchor_integrity_documents_unscrubbed", help: "Stored documents the integrity scrub has not checked yet.", registers: [registry] }),
    integrityLastScrub: new Gauge({ name: "medanchor_integrity_last_scrub_timestamp_seconds", help: "Unix time of the latest integrity scrub of any document (0 when none ran yet).", registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** One set per process, shared by instrumentation.ts and the routes, which Next.js bundles apart. */
const METRICS_KEY = Symbol.for("medanchor.observability.metrics");
const holder = globalThis as typeof globalThis & { [METRICS_KEY]?: Metrics };

export function metrics(): Metrics {
  return (holder[METRICS_KEY] ??= createMetrics());
}

export function recordHttpRequest(labels: { method: string; route: string; status: number }, seconds: number): void {
  const values = { method: labels.method, route: labels.route, status: String(labels.status) };
  metrics().httpRequests.inc(values);
  metrics().httpDuration.observe(values, seconds);
}

export function countUploadBytes(outcome: "stored" | "failed", bytes: number): void {
  if (bytes > 0) metrics().uploadBytes.inc({ outcome }, bytes);
}

/** `outcome` is "booked" or an error code from lib/result (a fixed set). */
export function countBooking(outcome: string): void {
  metrics().bookings.inc({ outcome: outcome.toLowerCase() });
}
