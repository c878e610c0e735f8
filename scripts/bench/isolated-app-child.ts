/**
 * Child-process entry (forked by isolated-app.ts): starts one isolated stack + app server, reports its URL
 * over IPC, and stops both when the parent disconnects or dies.
 *
 * One stack per process because the WASM schema engine cannot migrate twice in one process (its JS glue
 * keeps a view of the first instance's memory), and because a fresh process is what `npm run dev` pays too.
 */
import exitHook from "async-exit-hook";
import { startAppServer } from "../services/app-server";
import { findFreePort } from "../services/net";
import { seedDemo } from "../services/seed-demo";
import { startStack } from "../services/stack";
import { demoLoginsFile, type AppMode } from "./isolated-app";

/** `env` is the stack's environment (database, S3, master key), for benchmarks that need to reach behind the app. */
export type ChildMessage = { url: string; env: Record<string, string> } | { error: string };

/** Longer than startAppServer's 120 s readiness wait, which a stop requested mid-start has to sit out. */
const FORCE_EXIT_AFTER_MS = 150_000;

const [dataRoot, mode] = process.argv.slice(2) as [string, AppMode];

async function start(): Promise<{ url: string; env: Record<string, string>; stop(): Promise<void> }> {
  // An empty source embeds every service: a benchmark must never migrate or fill a developer's configured database.
  const stack = await startStack({ dataRoot, ports: "free", source: {} });
  try {
    // Demo accounts, so benchmarks can sign in (logins written next to the data, see demoLoginsFile()).
    await seedDemo(stack.env, demoLoginsFile(dataRoot));
    const app = await startAppServer({ mode, port: await findFreePort(), env: stack.env });
    return {
      url: app.url,
      env: stack.env,
      async stop() {
        await app.process.stop();
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

// The parent may have disconnected while our imports were loading, when no listener could hear it.
if (!process.connected) process.exit(0);

const running = start();
let stopping: Promise<void> | undefined;
// A stop requested mid-start waits for the start to settle: startAppServer only hands out the next process
// once it is healthy, and the stack must stay up until then or it never becomes healthy.
const stop = () => (stopping ??= running.then((app) => app.stop(), () => undefined));

process.on("disconnect", () => void stop().finally(() => process.exit(0)));
// For a signal sent to this process directly; a terminal Ctrl-C does not reach it (see isolated-app.ts).
exitHook((done) => void stop().finally(done));
exitHook.forceExitTimeout(FORCE_EXIT_AFTER_MS);

// Our stderr is a pipe to the parent: once it is gone, a write must not crash us before the stop has finished.
process.stderr.on("error", () => undefined);

// Sending on a channel the parent already closed would throw and kill us before the stop has finished.
const report = (message: ChildMessage) => {
  if (process.connected) process.send?.(message);
};

try {
  const { url, env } = await running;
  report({ url, env });
} catch (error) {
  report({ error: error instanceof Error ? error.message : String(error) });
  await stop();
  process.exit(1);
}
