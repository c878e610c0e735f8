/**
 * Seeds the backup benchmark's stack: one patient who uploads `count` small PDFs through the app's own
 * upload services (rows, encrypted objects, audit events, outbox rows), then anchors them all. Prints
 * `{"documents": n, "anchored": n}` as its last line.
 *
 *   node --conditions=react-server --import tsx scripts/bench/backup/seed-documents.ts <count>
 *
 * A child process: the services are `server-only` modules and read their settings from this env once.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { registerPatient } from "../../../lib/accounts/register-patient";
import { anchorPending } from "../../../lib/anchors/anchor-worker";
import { actorForUser } from "../../../lib/auth/actor-for-user";
import { db } from "../../../lib/db/client";
import { openUpload } from "../../../lib/documents/open-upload";
import { receiveUpload } from "../../../lib/documents/receive-upload";

/** Uploads in flight at once: the app's path is I/O bound (Postgres, S3), a few overlap well on two cores. */
const PARALLEL = 4;

const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count < 1) {
  console.error("usage: seed-documents.ts <count>");
  process.exit(2);
}

const registered = await registerPatient({ name: "Bench Patient", email: `bench-${randomUUID()}@medanchor.test`, dateOfBirth: "1980-01-01", password: `bench ${randomUUID()} Backup!` });
if (!registered.ok) throw new Error(registered.error.message);
const actor = (await actorForUser(registered.value.userId))!;

async function upload(i: number): Promise<void> {
  const bytes = Buffer.from(`%PDF-1.4\n% backup bench ${i} ${randomUUID()}\n1 0 obj << >> endobj\n%%EOF\n`);
  const opened = await openUpload(actor, { title: `Bench ${i}`, kind: "OTHER", declaredType: "application/pdf", declaredSize: bytes.length });
  if (!opened.ok) throw new Error(opened.error.message);
  const received = await receiveUpload(opened.value.uploadId, actor, Readable.from([bytes]));
  if (!received.ok) throw new Error(received.error.message);
}

for (let i = 0; i < count; i += PARALLEL) await Promise.all(Array.from({ length: Math.min(PARALLEL, count - i) }, (_, j) => upload(i + j)));
await anchorPending({ receiptTimeoutMs: 60_000 });
const anchored = await db().anchor.count({ where: { kind: "DOCUMENT", state: "CONFIRMED" } });
console.log(JSON.stringify({ documents: count, anchored }));
await db().$disconnect();
process.exit(0);
