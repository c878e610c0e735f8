import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** What every log line written while serving one request carries: ids only, never who made it. */
export interface RequestLogContext {
  reqId: string;
}

/**
 * Next.js bundles instrumentation.ts (which starts each request's context) and the app's routes (which
 * log inside it) as separate module graphs, so a module-level store would exist twice and the routes
 * would never see the context. One store per process, on globalThis, is shared by both.
 */
const STORE_KEY = Symbol.for("medanchor.observability.requestContext");
const holder = globalThis as typeof globalThis & { [STORE_KEY]?: AsyncLocalStorage<RequestLogContext> };
const storage: AsyncLocalStorage<RequestLogContext> = (holder[STORE_KEY] ??= new AsyncLocalStorage<RequestLogContext>());

export function runWithRequestContext<T>(context: RequestLogContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The id of the request being served, or undefined outside a request (worker, start-up). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.reqId;
}

/** Long enough to be unique, short and plain enough that a client cannot smuggle anything into a log line. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * The request id for an incoming request: a well-formed `x-request-id` from a proxy in front of us is
 * kept, so one id follows the request through every hop; anything else is replaced by a fresh UUID.
 */
export function acceptRequestId(incoming: string | string[] | undefined | null): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && WELL_FORMED_REQUEST_ID.test(value) ? value : randomUUID();
}
