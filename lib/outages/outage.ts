import { fail, type Result } from "@/lib/result";

/** What a user sees when Postgres or the object store does not answer (code UNAVAILABLE, HTTP 503). */
export const OUTAGE_MESSAGE = "MedAnchor cannot reach its database or file storage just now. Please try again in a minute; sending the same request again is safe.";

/** Seconds a client should wait before retrying after a 503. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

// Node socket errors, Prisma's "can't reach / closed / timed out / pool timeout", and Postgres'
// connection-exception (08xxx) and shutdown (57P01-57P03) SQLSTATEs.
const OUTAGE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "P1001", "P1002", "P1008", "P1017", "P2024", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"]);
// Prisma driver-adapter error kinds for a database that went away.
const OUTAGE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionAlreadyClosed"]);
// pg (its pool's checkout timeout too) and the AWS SDK say some of it only in words.
const OUTAGE_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database server|socket hang up|ECONNREFUSED/i;

interface ErrorShape {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
  $metadata?: { httpStatusCode?: number };
}

/**
 * Whether an error means a dependency (Postgres, S3) is down rather than a bug: the difference between
 * a clear "try again" (503, code UNAVAILABLE) and a 500. Follows `cause` chains and Prisma's wrapped
 * driver-adapter error, since the useful code sits a few levels down.
 */
export function isOutage(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 6) return false;
  const shape = error as ErrorShape;
  if (typeof shape.code === "string" && OUTAGE_CODES.has(shape.code)) return true;
  if (typeof shape.originalCode === "string" && OUTAGE_CODES.has(shape.originalCode)) return true;
  if (typeof shape.kind === "string" && OUTAGE_KINDS.has(shape.kind)) return true;
  if (shape.name === "PrismaClientInitializationError") return true;
  // An S3 server answering 5xx (the SDK has given up its retries by then).
  if ((shape.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (typeof shape.message === "string" && OUTAGE_MESSAGES.test(shape.message)) return true;
  return isOutage(shape.cause, depth + 1) || isOutage(shape.meta?.driverAdapterError, depth + 1);
}

/** Runs `run`; when it fails because a dependency is down, answers `fallback()` instead. Bugs still throw. */
export async function orOnOutage<T>(run: () => Promise<T>, fallback: () => T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isOutage(error)) return fallback();
    throw error;
  }
}

/** Runs a service call; an outage becomes a typed UNAVAILABLE result instead of a thrown 500. Bugs still throw. */
export function outageAsResult<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  return orOnOutage<Result<T>>(run, () => fail("UNAVAILABLE", OUTAGE_MESSAGE));
}

/** The 503 a route handler answers when a dependency is down. */
export function outageResponse(): Response {
  return Response.json({ code: "UNAVAILABLE", message: OUTAGE_MESSAGE }, { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": String(OUTAGE_RETRY_AFTER_SECONDS) } });
}

/** Wraps a route handler so an outage answers 503 with a clear message; anything else propagates. */
export function answerOutagesWith503<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>): (...args: Args) => Promise<Response> {
  return (...args: Args) => orOnOutage(() => handler(...args), outageResponse);
}
