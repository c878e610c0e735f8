import "server-only";
import pino, { type Logger } from "pino";
import { currentRequestId } from "./request-context";

/**
 * The one logger of the app and the worker: JSON lines on stdout (`{"level":"info","time":"…",
 * "component":"app","reqId":"…","event":"…",…}`), so a log shipper needs no parser of its own.
 * Every line written while a request is being served carries its `reqId`.
 *
 * Fields are ids, codes, counts and durations only: never a name, an e-mail, a document title or a
 * reason someone typed. `redact` is the safety net for the usual suspects, not a licence to log objects.
 */
const LOGGER_KEY = Symbol.for("medanchor.observability.logger");
const holder = globalThis as typeof globalThis & { [LOGGER_KEY]?: Logger };

export function createLogger(destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: "info",
      base: {},
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
      redact: {
        paths: ["email", "name", "title", "reason", "password", "*.email", "*.name", "*.title", "*.reason", "*.password", "headers.authorization", "headers.cookie"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

/**
 * Stdout, written asynchronously: a line goes out at once when no write is pending, and lines logged
 * while one is pending go out together in the next write, so a busy server makes one system call per
 * batch instead of one per request (each access line cost one). pino flushes what is left when the
 * process exits; only a hard kill can lose the lines of the write in flight.
 */
const stdoutDestination = () => pino.destination({ dest: 1, sync: false });

/** Shared by every module graph of the process (instrumentation and routes are bundled apart). */
const root: Logger = (holder[LOGGER_KEY] ??= createLogger(stdoutDestination()));

/** A logger whose lines name their part of the system: `app`, `http`, `worker`. */
export function loggerFor(component: string): Logger {
  return root.child({ component });
}

/** The app's logger (route handlers, server actions, services). */
export const logger: Logger = loggerFor("app");

