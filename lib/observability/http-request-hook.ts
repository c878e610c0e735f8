import "server-only";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { loggerFor } from "./logger";
import { recordHttpRequest } from "./metrics";
import { routeLabel } from "./route-label";
import { acceptRequestId, runWithRequestContext } from "./request-context";

const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const HOOKED = Symbol.for("medanchor.observability.httpHooked");
/** One child logger for every access line, not one per request. */
const accessLog = loggerFor("http");

/** Bounded like the route: a made-up method must not become a new time series. */
const methodLabel = (method: string | undefined) => (method && KNOWN_METHODS.has(method) ? method : "OTHER");

/**
 * Answers for one request: give it its id (also on the request, so Next.js's handlers and
 * onRequestError see it, and on the response), and when the response is finished, count it and log one
 * access line {reqId, method, route, status, ms}. Any failure in here is swallowed: observing a request
 * must never break it.
 */
export function observeRequest(req: IncomingMessage, res: ServerResponse): { reqId: string } {
  const reqId = acceptRequestId(req.headers["x-request-id"]);
  try {
    const started = process.hrtime.bigint();
    req.headers["x-request-id"] = reqId;
    if (!res.headersSent) res.setHeader("x-request-id", reqId);
    res.once("finish", () => {
      try {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        // A 404 is any path a scanner makes up: one label for all of them keeps the set bounded.
        const route = res.statusCode === 404 ? "[not-found]" : routeLabel(req.url);
        const method = methodLabel(req.method);
        recordHttpRequest({ method, route, status: res.statusCode }, seconds);
        accessLog.info({ reqId, event: "http.request", method, route, status: res.statusCode, ms: Math.round(seconds * 1000) });
      } catch {
        // Never let metrics or logging take a response down with them.
      }
    });
  } catch {
    // As above: the request goes on unobserved.
  }
  return { reqId };
}

/**
 * Called once from instrumentation.ts (Node.js runtime): every 'request' event of every HTTP server
 * in the process runs inside its own request context, so each log line written while serving it
 * carries its id. Next.js offers no per-request hook that sees the final status; wrapping `emit`
 * is the smallest one that does, and it leaves every other event untouched.
 */
export function hookHttpServers(serverClass: typeof Server): void {
  const proto = serverClass.prototype as Server & { [HOOKED]?: boolean };
  if (proto[HOOKED]) return;
  proto[HOOKED] = true;
  const emit = proto.emit as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event !== "request") return emit.call(this, event, ...args);
    const [req, res] = args as [IncomingMessage, ServerResponse];
    let context: { reqId: string };
    try {
      context = observeRequest(req, res);
    } catch {
      return emit.call(this, event, ...args);
    }
    return runWithRequestContext(context, () => emit.call(this, event, ...args));
  } as Server["emit"];
}
