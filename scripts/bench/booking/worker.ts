/**
 * Child-process entry of the booking benchmark (forked by ../booking.ts with `--conditions=react-server`):
 * starts an isolated stack in the given directory, runs measure.ts against it in this process, reports the
 * metrics over IPC and stops the stack. Also stops when the parent disconnects (Ctrl-C, harness error).
 */
import { register } from "node:module";
import { startStack, type Stack } from "../../services/stack";
import type { BookingBenchSettings, WorkerMessage } from "./measure";

const [dataRoot, settingsJson] = process.argv.slice(2) as [string, string];

/**
 * lib/auth/current-actor imports `next/navigation`, whose default entry is the client build (it calls
 * React.createContext, absent under react-server). Inside the app, Next.js resolves it to this server
 * build for server code; outside Next.js we do the same, so the real `loadActor` runs.
 */
const NEXT_NAVIGATION_FOR_SERVER = `export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier === "next/navigation" ? "next/dist/client/components/navigation.react-server.js" : specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(NEXT_NAVIGATION_FOR_SERVER)}`);

let stack: Stack | undefined;
let stopping: Promise<void> | undefined;
const stop = () => (stopping ??= (stack?.stop() ?? Promise.resolve()).catch(() => undefined));
const report = (message: WorkerMessage) => new Promise<void>((resolve) => (process.connected ? process.send?.(message, () => resolve()) : resolve()));
const log = (message: string) => process.stderr.write(`[bench] booking: ${message}\n`);

process.on("disconnect", () => void stop().finally(() => process.exit(0)));

try {
  stack = await startStack({ dataRoot, ports: "free", source: {} });
  // lib/env reads these on first use; the services are imported only now, after they are set.
  Object.assign(process.env, stack.env, { NODE_ENV: "development" });
  const { measureBooking } = await import("./measure");
  await report({ metrics: await measureBooking(JSON.parse(settingsJson) as BookingBenchSettings, log) });
} catch (error) {
  await report({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
} finally {
  await stop();
  // The Prisma pool would otherwise keep the process alive for a while.
  process.exit(0);
}
