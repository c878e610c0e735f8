import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";

/**
 * Every page and every route handler in app/, as a signed-out visitor reaches it (so many answer with a
 * redirect to the login page or an error): each response carries the security headers. Paths come from
 * the source tree, so a new page or route is covered without editing this file.
 */
const APP_DIR = path.resolve(import.meta.dirname, "../app");
const SOME_ID = "00000000-0000-4000-8000-000000000000";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** app/(public)/register/page.tsx → /register; [id] segments get a well-formed id nobody has; [...x] → "session". */
function urlPath(file: string): string {
  const segments = path
    .relative(APP_DIR, path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment && !/^\(.*\)$/.test(segment))
    .map((segment) => (segment.startsWith("[...") ? "session" : segment.startsWith("[") ? SOME_ID : segment));
  return `/${segments.join("/")}`;
}

const endpoints = files(APP_DIR)
  .filter((file) => /\/(page\.tsx|route\.ts)$/.test(file))
  .map((file) => ({ path: urlPath(file), kind: file.endsWith("route.ts") ? "route" : "page" }));

test("every page and route handler sends the security headers, with a production CSP", async ({ request }) => {
  expect(endpoints.length).toBeGreaterThan(30);
  for (const endpoint of endpoints) {
    const response = await request.get(endpoint.path, { maxRedirects: 0 });
    const headers = response.headers();
    const where = `${endpoint.kind} ${endpoint.path} (HTTP ${response.status()})`;
    expect(response.status(), where).toBeLessThan(500);
    expect(headers["x-content-type-options"], where).toBe("nosniff");
    expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
    expect(headers["strict-transport-security"], where).toMatch(/^max-age=\d{7,}/);
    expect(headers["x-powered-by"], where).toBeUndefined();
    // Every response names its request id (lib/observability), the key to its log lines.
    expect(headers["x-request-id"], where).toMatch(/^[A-Za-z0-9-]{8,64}$/);
    // Document bytes set their own sandboxing CSP when they are served; the rest share the app's policy.
    if (endpoint.path.startsWith("/api/documents/")) continue;
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, where).toContain("frame-ancestors 'none'");
    expect(csp, where).not.toContain("unsafe-eval");
    expect(headers["x-frame-options"], where).toBe("DENY");
  }
});
