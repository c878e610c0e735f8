import "server-only";
import { loggerFor } from "@/lib/observability/logger";

export type LogLevel = "info" | "warn" | "error";

/** One structured event: `event` is a stable dotted name (`task.done`, `leader.acquired`) that tests and log searches rely on. */
export type WorkerLogger = (level: LogLevel, event: string, fields?: Record<string, unknown>) => void;

/**
 * The worker's events as lines of the one app logger (lib/observability): one JSON object per line on
 * stdout, `base` fields (e.g. `component: "worker"`) on each. Fields are ids, counts and durations only:
 * never personal data.
 */
export function jsonLineLogger(base: Record<string, unknown>): WorkerLogger {
  const { component = "worker", ...rest } = base;
  const log = loggerFor(String(component)).child(rest);
  return (level, event, fields = {}) => log[level]({ event, ...fields });
}

/** The first line of an error's message, bounded: enough to act on, never a dump of a query or a payload. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return (message.split("\n")[0] ?? "").slice(0, 300);
}
