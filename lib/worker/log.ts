import "server-only";

export type LogLevel = "info" | "warn" | "error";

/** One structured event: `event` is a stable dotted name (`task.done`, `leader.acquired`) that tests and log searches rely on. */
export type WorkerLogger = (level: LogLevel, event: string, fields?: Record<string, unknown>) => void;

/**
 * One JSON object per line on stdout (errors on stderr), so a log shipper needs no parser of its own.
 * Fields are ids, counts and durations only: never personal data.
 */
export function jsonLineLogger(base: Record<string, unknown>): WorkerLogger {
  return (level, event, fields = {}) => {
    const line = JSON.stringify({ at: new Date().toISOString(), level, event, ...base, ...fields });
    if (level === "error") console.error(line);
    else console.log(line);
  };
}

/** The first line of an error's message, bounded: enough to act on, never a dump of a query or a payload. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return (message.split("\n")[0] ?? "").slice(0, 300);
}
