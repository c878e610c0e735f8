/**
 * Document upload and download throughput through the app against raw S3 in the same run.
 *
 * Through the app is the data plane over HTTP as a browser drives it: `PUT /api/uploads/<id>` (size check,
 * type sniffing, SHA-256, AES-256-GCM, multipart upload) and `GET /api/documents/<id>/content` (access
 * check, decryption), signed in as the demo patient, sent with node:http like the SDK's own requests
 * (upload/app-http.ts says why not fetch). The control plane has no HTTP entry yet, so upload
 * ids come from the real openUpload service in a react-server child process (upload/opener.ts) against
 * the same stack, and that part is not timed. The baseline is a multipart PUT and a GET of the same bytes
 * with the same SDK and part settings straight to the stack's S3 server (upload/raw-s3.ts).
 *
 * Each size runs at concurrency 4, in ROUNDS rounds of raw then app; throughput is total bytes over wall
 * time, and the ratio (app ÷ raw) is the median of the rounds' ratios.
 * Then one 1 GiB upload streams through the app while the server's RSS is sampled every 100 ms.
 * Goals: ratios ≥ 0.7 for 1 MiB and above, ≥ 0.4 for 64 KiB; RSS growth < 64 MiB.
 */
import { randomUUID } from "node:crypto";
import type { BenchContext } from "./context";
import { signIn, type HttpSession } from "./http-session";
import { appGet, appPut } from "./upload/app-http";
import { percentile, round } from "./stats";
import { startUploadOpener, type OpenUpload } from "./upload/open-uploads";
import { pdfPayload, pdfStream } from "./upload/payload";
import { rawS3, type RawS3 } from "./upload/raw-s3";
import { cpuSeconds, pidListeningOn, processName, rssBytes, sampleRss } from "./upload/rss";

export const description = "upload/download throughput through the app vs raw S3 PUT/GET (concurrency 4), server RSS during a 1 GiB upload";

const KIB = 1024;
const MIB = 1024 * KIB;
const CONCURRENCY = 4;
const SIZES = [
  { label: "64k", size: 64 * KIB, operations: 64, download: false },
  { label: "1m", size: MIB, operations: 32, download: true },
  { label: "16m", size: 16 * MIB, operations: 8, download: true },
  { label: "256m", size: 256 * MIB, operations: 4, download: false },
] as const;
const RSS_UPLOAD_BYTES = 1024 * MIB;
const ROUNDS = 3;

/** Runs `operations` calls of `work(i)` with at most CONCURRENCY at once; returns the wall time in seconds. */
async function timedPool(operations: number, work: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, operations) }, async () => {
      for (let i = next++; i < operations; i = next++) await work(i);
    }),
  );
  return (performance.now() - started) / 1000;
}

async function expectLength(read: Promise<number>, size: number): Promise<void> {
  const length = await read;
  if (length !== size) throw new Error(`read ${length} bytes, expected ${size}`);
}

/** Wall seconds of `work`, and the CPU seconds the app server spent meanwhile. */
async function timedOnServer(appServer: number, work: () => Promise<number>): Promise<{ wall: number; serverCpu: number }> {
  const before = await cpuSeconds(appServer);
  const wall = await work();
  return { wall, serverCpu: (await cpuSeconds(appServer)) - before };
}

/** One round of one size: raw PUT, app PUT, then (where measured) raw GET and app GET of the same objects; raw sides in wall seconds, app sides also with the server's CPU. */
async function measureRound(session: HttpSession, openUpload: OpenUpload, raw: RawS3, appServer: number, entry: (typeof SIZES)[number], payload: Buffer) {
  const { size, operations, download } = entry;
  const rawKeys = Array.from({ length: operations }, () => `bench/${randomUUID()}`);
  const rawPutS = await timedPool(operations, (i) => raw.put(rawKeys[i]!, payload));
  // Opening an upload is the control plane, outside the timed data plane.
  const opened = await Promise.all(Array.from({ length: operations }, () => openUpload(session.email, size)));
  const appPutRun = await timedOnServer(appServer, () => timedPool(operations, (i) => appPut(session, opened[i]!.uploadId, payload)));
  if (!download) return { rawPutS, appPutRun };
  const rawGetS = await timedPool(operations, (i) => expectLength(raw.get(rawKeys[i]!), size));
  const appGetRun = await timedOnServer(appServer, () => timedPool(operations, (i) => expectLength(appGet(session, opened[i]!.documentId), size)));
  return { rawPutS, appPutRun, rawGetS, appGetRun };
}

/**
 * ROUNDS rounds, each raw then app back to back, so both sides of a ratio ran on the machine in the same
 * state; the ratio reported is the median of the rounds' ratios (on this 2-core machine one pass swung
 * by ±30 % at the small sizes), the throughputs are over all rounds.
 */
async function measureSize(context: BenchContext, session: HttpSession, openUpload: OpenUpload, raw: RawS3, appServer: number, entry: (typeof SIZES)[number]): Promise<Record<string, number>> {
  const { label, size, operations, download } = entry;
  const payload = pdfPayload(size);
  const rounds = [];
  for (let i = 0; i < ROUNDS; i += 1) rounds.push(await measureRound(session, openUpload, raw, appServer, entry, payload));
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const rate = (seconds: number[]) => (size * operations * seconds.length) / MIB / sum(seconds);
  const report = (direction: "upload" | "download", rawSeconds: number[], app: { wall: number; serverCpu: number }[]) => {
    const each = rawSeconds.map((rawS, i) => rawS / app[i]!.wall);
    const appSeconds = app.map((a) => a.wall);
    const serverCpuMs = (sum(app.map((a) => a.serverCpu)) * 1000) / (operations * app.length);
    context.log(`upload: ${label} × ${operations} ${direction}: app ${rate(appSeconds).toFixed(1)} MiB/s, raw ${rate(rawSeconds).toFixed(1)} MiB/s, ratio per round ${each.map((r) => r.toFixed(2)).join(" ")}, app server CPU ${serverCpuMs.toFixed(1)} ms per request`);
    return {
      [`${direction}_app_mib_per_s_${label}`]: round(rate(appSeconds), 1),
      [`${direction}_raw_mib_per_s_${label}`]: round(rate(rawSeconds), 1),
      [`${direction}_ratio_${label}`]: round(percentile(each, 50), 3),
      // Where the app's side of the ratio goes: the server's own CPU per request (all cores; the S3 server, Postgres and this client come on top).
      [`${direction}_app_server_cpu_ms_${label}`]: round(serverCpuMs, 1),
    };
  };
  const metrics = report("upload", rounds.map((r) => r.rawPutS), rounds.map((r) => r.appPutRun));
  if (download) Object.assign(metrics, report("download", rounds.map((r) => r.rawGetS!), rounds.map((r) => r.appGetRun!)));
  return metrics;
}

export default async function run(context: BenchContext): Promise<Record<string, number>> {
  const started = performance.now();
  const url = await context.appUrl();
  const stackEnv = await context.stackEnv();
  if (!stackEnv) throw new Error("the upload benchmark needs the isolated stack (its database and S3 server): unset BENCH_URL");
  const patient = (await context.demoLogins()).find((l) => l.role === "PATIENT");
  if (!patient) throw new Error("no demo patient to sign in with");

  const session = await signIn(url, patient.email, patient.password);
  const openUpload = await startUploadOpener(context, stackEnv);
  const raw = rawS3(stackEnv);

  // Warm-up: compiles the routes under `next dev` and opens the connection pools.
  const warmUp = pdfPayload(64 * KIB);
  for (let i = 0; i < 3; i += 1) {
    const opened = await openUpload(session.email, warmUp.length);
    await appPut(session, opened.uploadId, warmUp);
    await expectLength(appGet(session, opened.documentId), warmUp.length);
    await raw.put(`bench/warm-up-${i}`, warmUp);
    await expectLength(raw.get(`bench/warm-up-${i}`), warmUp.length);
  }

  const pid = await pidListeningOn(Number(new URL(url).port));
  const metrics: Record<string, number> = {};
  for (const entry of SIZES) Object.assign(metrics, await measureSize(context, session, openUpload, raw, pid, entry));

  context.log(`upload: sampling the RSS of pid ${pid} (${await processName(pid)}) during a 1 GiB upload`);
  const opened = await openUpload(session.email, RSS_UPLOAD_BYTES);
  const before = await rssBytes(pid);
  const sampler = sampleRss(pid, 100);
  const uploadStarted = performance.now();
  try {
    await appPut(session, opened.uploadId, pdfStream(RSS_UPLOAD_BYTES), RSS_UPLOAD_BYTES);
  } finally {
    const peak = await sampler.stop();
    metrics.rss_before_mib_1g = round(before / MIB, 1);
    metrics.rss_peak_mib_1g = round(peak / MIB, 1);
    metrics.rss_growth_mib_1g = round((peak - before) / MIB, 1);
  }
  metrics.upload_app_mib_per_s_1g = round(RSS_UPLOAD_BYTES / MIB / ((performance.now() - uploadStarted) / 1000), 1);
  metrics.total_run_s = round((performance.now() - started) / 1000, 1);
  return metrics;
}
