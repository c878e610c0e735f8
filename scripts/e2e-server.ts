/**
 * The server Playwright tests run against (playwright.config.ts `webServer`): an isolated stack
 * (temp data, free ports) and the production build via `next start`, on E2E_PORT. Builds first when
 * no build exists, so `npm run test:e2e` works on its own.
 */
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import exitHook from "async-exit-hook";
import { startAppServer } from "./services/app-server";
import { seedDemo } from "./services/seed-demo";
import { startStack, type Stack } from "./services/stack";
import { startWorkerProcess } from "./services/worker-process";
import { e2eEnv } from "./test-support/e2e-env";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "..");
const { port, loginsFile, serverLog } = e2eEnv();

// Tee everything printed here (our children pipe into our stdout and stderr) into one log file, which
// e2e/zz-log-privacy.spec.ts searches for personal data at the end of the run.
mkdirSync(path.dirname(serverLog), { recursive: true });
const logFile = createWriteStream(serverLog, { flags: "w" });
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    logFile.write(typeof chunk === "string" || chunk instanceof Uint8Array ? chunk : String(chunk));
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

const running: { stack?: Stack; stopApp?: () => Promise<void>; stopWorker?: () => Promise<void> } = {};
const dataRoot = await mkdtemp(path.join(tmpdir(), "medanchor-e2e-"));

exitHook((done) => {
  void (async () => {
    await running.stopApp?.();
    await running.stopWorker?.();
    await running.stack?.stop();
    await rm(dataRoot, { recursive: true, force: true });
  })().finally(done);
});

if (!existsSync(path.join(PROJECT_ROOT, ".next/BUILD_ID"))) {
  const build = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next"), "build"], { stdio: "inherit", cwd: PROJECT_ROOT });
  if (build.status !== 0) process.exit(1);
}

running.stack = await startStack({ dataRoot, ports: "free", source: {} });
await seedDemo(running.stack.env, loginsFile);
// The worker anchors what the journeys store and share, as it does in production.
const worker = startWorkerProcess({ ...running.stack.env, NODE_ENV: "production" });
running.stopWorker = () => worker.stop(10_000);
// `next start` runs with NODE_ENV=production, so hand it the full environment explicitly, like production.
const app = await startAppServer({ mode: "start", port, env: running.stack.env, inheritOutput: true });
running.stopApp = () => app.process.stop();
console.log(`e2e server ready at ${app.url}`);
