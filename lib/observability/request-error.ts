import "server-only";
import { logger } from "./logger";
import { routeLabel } from "./route-label";

/**
 * One `request.error` line for an error Next.js caught while serving a request: the request id, the
 * digest the user is shown as the error's reference, where it happened and the error's class. Not its
 * message or stack, which may quote the data being processed.
 */
export function logRequestError(error: unknown, request: { path: string; method: string; headers: NodeJS.Dict<string | string[]> }, context: { routePath: string; routeType: string }): void {
  const header = request.headers["x-request-id"];
  const digest = typeof error === "object" && error !== null && "digest" in error ? String((error as { digest: unknown }).digest) : undefined;
  logger.error({
    event: "request.error",
    ...(typeof header === "string" ? { reqId: header } : {}),
    digest,
    route: context.routePath || routeLabel(request.path),
    routeType: context.routeType,
    method: request.method,
    error: error instanceof Error ? error.name : typeof error,
  });
}
