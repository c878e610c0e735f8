import path from "node:path";
import { z } from "zod";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

/** Settings shared by playwright.config.ts and the e2e server (both processes must agree on the port). */
export function e2eEnv(source: Record<string, string | undefined> = process.env) {
  const parsed = z
    .object({
      E2E_PORT: z.coerce.number().int().min(1024).max(65535).default(3107),
      CI: z.string().optional(),
      E2E_LOGINS_FILE: z.string().default(path.join(PROJECT_ROOT, "test-results/e2e-logins.json")),
      /** Everything the e2e server and its app and worker print, for the privacy check of the logs. */
      E2E_SERVER_LOG: z.string().default(path.join(PROJECT_ROOT, "test-results/e2e-server.log")),
    })
    .parse(source);
  return { port: parsed.E2E_PORT, ci: parsed.CI === "true" || parsed.CI === "1", loginsFile: parsed.E2E_LOGINS_FILE, serverLog: parsed.E2E_SERVER_LOG };
}
