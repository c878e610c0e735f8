/**
 * `npm run smoke` (and a suite of `npm test`, after `next build`): the built app in production mode
 * against services started separately and passed to it only through environment variables.
 *
 * Postgres, the S3 server and anvil start on their own (services.ts), are migrated, given a bucket and
 * the contract; `next start` and the worker then get exactly the variables of production-env.ts, no
 * embedded defaults and no `.data/`. The journey: health, register a patient and sign in over HTTP, open
 * an upload with the server action and stream the file to the upload route, wait for the worker to
 * anchor it, verify it with the server-side Verify action and download it back, stop everything. Start-up
 * with a missing or a malformed variable must exit non-zero with one line naming it.
 *
 * `--json=<file>` also writes the checks for `npm test`'s tally. Exit code 0 only when every check passed.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { findFreePort } from "../services/net";
import { CheckList } from "./checks";
import { pageTextInBrowser } from "./browser-page";
import { actionId, postAction, putUpload, signIn } from "./http-client";
import { productionEnv } from "./production-env";
import { refusal, spawnApp, spawnWorker, waitForHealthy, type ProductionProcess } from "./processes";
import { startSmokeServices, type SmokeServices } from "./services";

const ANCHOR_TIMEOUT_MS = 30_000;
const { values: args } = parseArgs({ options: { json: { type: "string" } } });
if (!existsSync(path.resolve(import.meta.dirname, "../../.next/BUILD_ID"))) {
  console.error("smoke: no production build (run npm run build first)");
  process.exit(1);
}
const log = (line: string) => console.log(line);
const checks = new CheckList();
const dataRoot = await mkdtemp(path.join(tmpdir(), "medanchor-smoke-"));
const running: { app?: ProductionProcess; worker?: ProductionProcess } = {};
let services: SmokeServices | undefined;

function pdf(size: number): Buffer {
  const bytes = randomBytes(size);
  Buffer.from("%PDF-1.7\n").copy(bytes);
  return bytes;
}

/** Waits for a process that must refuse to start: it exits non-zero with exactly one line on stderr, matching `expected`. */
async function expectRefusal(started: ProductionProcess, expected: RegExp) {
  const { code, lines } = await refusal(started);
  if (code === 0 || code === null) throw new Error(`exit ${code}: did not refuse to start`);
  if (lines.length !== 1 || !expected.test(lines[0]!)) throw new Error(`expected one line ${expected}, got ${lines.length}: ${lines.slice(0, 3).join(" | ")}`);
  return { value: undefined, detail: `exit ${code}: ${lines[0]}` };
}

try {
  services = await checks.run("services: postgres, s3, anvil; migrate, bucket, contract", async () => {
    const started = await startSmokeServices(dataRoot);
    return { value: started, detail: `separate processes; contract ${started.endpoints.CONTRACT_ADDRESS}` };
  });
  const env = services ? productionEnv(services.endpoints) : {};
  const without = (name: string) => Object.fromEntries(Object.entries(env).filter(([key]) => key !== name));

  // The refusals, the app and the worker start side by side: start-up dominates the run time.
  const [appPort, refusalPortA, refusalPortB] = [await findFreePort(), await findFreePort(), await findFreePort()];
  const [url] = await Promise.all([
    checks.run("app starts: next start, NODE_ENV=production, env only", async () => {
      const app = (running.app = spawnApp(appPort, env));
      const baseUrl = `http://127.0.0.1:${appPort}`;
      await waitForHealthy(baseUrl, app);
      return { value: baseUrl, detail: baseUrl };
    }),
    checks.run("worker starts (production, env only)", async () => {
      const worker = (running.worker = spawnWorker(env));
      // The worker logs one JSON line per event; it is working once it leads (holds the advisory lock).
      const deadline = Date.now() + 30_000;
      while (!/"event":"leader\.acquired"/.test(worker.output())) {
        const exited = worker.supervised.exitReason();
        if (exited) throw new Error(exited);
        if (Date.now() > deadline) throw new Error(`no leader.acquired log line: ${worker.output().slice(-200)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return { value: undefined, detail: "leads (advisory lock held)" };
    }),
    ...(services
      ? [
          checks.run("app refuses to start without AUTH_SECRET", () => expectRefusal(spawnApp(refusalPortA, without("AUTH_SECRET")), /^Invalid environment: AUTH_SECRET is required in production$/), { independent: true }),
          checks.run("app refuses a malformed CHAIN_ID", () => expectRefusal(spawnApp(refusalPortB, { ...env, CHAIN_ID: "mainnet" }), /^Invalid environment: CHAIN_ID .+$/), { independent: true }),
          checks.run("worker refuses to start without DATABASE_URL", () => expectRefusal(spawnWorker(without("DATABASE_URL")), /^worker: Invalid environment: DATABASE_URL is required in production$/), { independent: true }),
        ]
      : []),
  ]);

  await checks.run("GET /api/health", async () => {
    const response = await fetch(`${url}/api/health`);
    const report = (await response.json()) as { status: string } & Record<string, unknown>;
    if (response.status !== 200 || report.status !== "ok") throw new Error(`HTTP ${response.status}: ${JSON.stringify(report)}`);
    return { value: undefined, detail: `200 ${JSON.stringify(report).slice(0, 90)}` };
  });

  const email = `smoke-${randomUUID().slice(0, 8)}@example.org`;
  const password = `smoke ${randomBytes(12).toString("base64url")} passphrase`;
  await checks.run("register a patient (server action)", async () => {
    const reply = await postAction(url!, "/register", await actionId("app/(public)/register/actions.ts", "registerPatientAction"), { name: "Smoke Patient", email, password, dateOfBirth: "1980-04-02" }, { previousState: { status: "idle" } });
    if (!reply.redirect.startsWith("/patient")) throw new Error(`HTTP ${reply.status}, no redirect to /patient: ${reply.text.slice(0, 200)}`);
    return { value: undefined, detail: `redirected to ${reply.redirect}` };
  });

  const cookie = await checks.run("sign in (Auth.js credentials + CSRF)", async () => {
    const session = await signIn(url!, email, password);
    const home = await fetch(`${url}/patient`, { headers: { cookie: session }, redirect: "manual" });
    if (home.status !== 200) throw new Error(`GET /patient with the session: HTTP ${home.status}`);
    return { value: session, detail: "session cookie; GET /patient 200" };
  });

  const file = pdf(200 * 1024);
  const documentId = await checks.run("upload: openUploadAction + PUT /api/uploads/<id>", async () => {
    const fields = { title: "Smoke test letter", kind: "OTHER", declaredType: "application/pdf", declaredSize: String(file.length) };
    const reply = await postAction(url!, "/patient/documents", await actionId("app/patient/documents/actions.ts", "openUploadAction"), fields, { cookie });
    const opened = /"status":"opened","uploadId":"([A-Za-z0-9_-]+)","documentId":"([0-9a-f-]{36})"/.exec(reply.text);
    if (!opened) throw new Error(`openUploadAction: HTTP ${reply.status} ${reply.text.replace(/\s+/g, " ").slice(0, 600)}`);
    await putUpload(url!, cookie!, opened[1]!, file, "application/pdf");
    return { value: opened[2]!, detail: `${file.length} bytes stored as document ${opened[2]!.slice(0, 8)}…` };
  });

  await checks.run("worker anchors it (receipt available)", async () => {
    const deadline = Date.now() + ANCHOR_TIMEOUT_MS;
    for (;;) {
      const response = await fetch(`${url}/api/documents/${documentId}/receipt`, { headers: { cookie: cookie! } });
      if (response.status === 200) {
        const receipt = (await response.json()) as { sha256: string; blockNumber: number };
        const sha256 = createHash("sha256").update(file).digest("hex");
        if (receipt.sha256 !== sha256) throw new Error(`receipt sha256 ${receipt.sha256} is not the uploaded file's ${sha256}`);
        return { value: undefined, detail: `receipt for the file's sha256, block ${receipt.blockNumber}` };
      }
      await response.arrayBuffer();
      if (response.status !== 409) throw new Error(`GET receipt: HTTP ${response.status}`);
      if (Date.now() > deadline) throw new Error(`not anchored after ${ANCHOR_TIMEOUT_MS} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  await checks.run("verify: server Verify action (storage, fingerprint, chain)", async () => {
    const reply = await postAction(url!, `/patient/documents/${documentId}`, await actionId("app/patient/documents/[documentId]/actions.ts", "verifyDocumentAction"), { documentId: documentId! }, { cookie, previousState: { status: "idle" } });
    if (!/"verified":true,"anchored":true/.test(reply.text)) throw new Error(`HTTP ${reply.status}: ${reply.text.slice(0, 300)}`);
    return { value: undefined, detail: "verified, anchored" };
  });

  await checks.run("download matches the upload", async () => {
    const response = await fetch(`${url}/api/documents/${documentId}/content`, { headers: { cookie: cookie! } });
    const bytes = Buffer.from(await response.arrayBuffer());
    const [sent, received] = [file, bytes].map((b) => createHash("sha256").update(b).digest("hex"));
    if (response.status !== 200 || sent !== received) throw new Error(`HTTP ${response.status}, sha256 ${received?.slice(0, 12)} ≠ ${sent?.slice(0, 12)}`);
    return { value: undefined, detail: `sha256 ${sent!.slice(0, 16)}…` };
  });

  const uploadFields = (bytes: Buffer) => ({ title: "Smoke outage letter", kind: "OTHER", declaredType: "application/pdf", declaredSize: String(bytes.length) });
  await checks.run("S3 down: an upload answers 503 UNAVAILABLE with a clear message", async () => {
    const bytes = pdf(64 * 1024);
    const reply = await postAction(url!, "/patient/documents", await actionId("app/patient/documents/actions.ts", "openUploadAction"), uploadFields(bytes), { cookie });
    const uploadId = /"uploadId":"([A-Za-z0-9_-]+)"/.exec(reply.text)?.[1];
    if (!uploadId) throw new Error(`openUploadAction: HTTP ${reply.status}`);
    const restart = await services!.interrupt("s3");
    try {
      const response = await fetch(`${url}/api/uploads/${uploadId}`, { method: "PUT", headers: { cookie: cookie!, origin: url!, "content-type": "application/pdf" }, body: new Uint8Array(bytes) });
      const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
      if (response.status !== 503 || body.code !== "UNAVAILABLE" || !body.message) throw new Error(`HTTP ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
      return { value: undefined, detail: `503 ${body.code}: ${body.message.slice(0, 60)}…` };
    } finally {
      await restart();
    }
  });

  await checks.run("Postgres down: a page shows the error notice (no stack trace), an action answers UNAVAILABLE", async () => {
    const restart = await services!.interrupt("postgres");
    try {
      // A failed server render is finished in the browser (Next.js sends an error shell plus the error
      // boundary), so a real browser looks at the page, as a user would.
      const shown = await pageTextInBrowser(`${url}/patient/documents`, cookie!, path.resolve(import.meta.dirname, "../../test-results/smoke-database-down.png"));
      if (!shown.text.includes("This page could not be loaded")) throw new Error(`GET /patient/documents: HTTP ${shown.status} without the error notice: ${shown.text.slice(0, 300)}`);
      if (/\bat .+:\d+:\d+|ECONNREFUSED|node_modules|PrismaClient|P1001/.test(shown.text + shown.html)) throw new Error("the error page shows server internals");
      const bytes = pdf(1024);
      const reply = await postAction(url!, "/patient/documents", await actionId("app/patient/documents/actions.ts", "openUploadAction"), uploadFields(bytes), { cookie });
      if (!/"code":"UNAVAILABLE"/.test(reply.text)) throw new Error(`openUploadAction: HTTP ${reply.status} ${reply.text.slice(0, 200)}`);
      return { value: undefined, detail: `page HTTP ${shown.status} with the notice; action UNAVAILABLE` };
    } finally {
      await restart();
    }
  });

  await checks.run("app and worker stop on SIGTERM", async () => {
    const { app, worker } = running;
    await Promise.all([app!.supervised.stop(10_000), worker!.supervised.stop(10_000)]);
    // The worker finishes its task, releases the leader lock and exits 0; next start ends by the signal.
    if (worker!.supervised.child.exitCode !== 0) throw new Error(`worker: ${worker!.supervised.exitReason()}`);
    return { value: undefined, detail: `worker exit 0, app ${app!.supervised.exitReason()?.split(":")[0]}` };
  });
} finally {
  await Promise.allSettled(Object.values(running).map((p) => p.supervised.stop()));
  await services?.stop();
  await rm(dataRoot, { recursive: true, force: true });
}

checks.print(log);
if (checks.failed > 0) {
  for (const p of Object.values(running)) log(`\n--- last output of ${p.supervised.child.spawnargs.slice(1, 3).join(" ")} ---\n${p.output().slice(-1500)}`);
}
if (args.json) await checks.writeJson(args.json);
process.exit(checks.failed === 0 ? 0 : 1);
