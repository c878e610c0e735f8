import type { Instrumentation } from "next";

/**
 * Runs once when a server instance starts. On Node.js it validates the environment, so a production
 * server with a missing or malformed variable stops with one line naming it (see lib/startup), then
 * hooks the HTTP server so every request gets a request id, an access log line and its metrics
 * (lib/observability).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("./lib/startup/validate-env");
  const [{ Server }, { hookHttpServers }] = await Promise.all([import("node:http"), import("./lib/observability/http-request-hook")]);
  hookHttpServers(Server);
}

/**
 * Errors Next.js caught while serving a request. The user sees a generic message with the error's
 * reference (its digest: components/errors/error-notice.tsx); this line ties that reference to the request id. The error's
 * message is left out: it may quote the data that was being processed.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("./lib/observability/request-error");
  logRequestError(error, request, context);
};
