import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/** Runs the start-up check the way instrumentation.ts does, in a fresh process with the given env. */
function startWith(env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", path.join(root, "lib/startup/validate-env.ts")], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
}

// Each case starts a fresh Node process with tsx: well under a second idle, several on a loaded CI machine.
describe("production start-up with a bad environment", { timeout: 30_000 }, () => {
  it("stops with exit code 1 and one line naming every missing variable", () => {
    const result = startWith({ NODE_ENV: "production", DATABASE_URL: "postgresql://db/medanchor" });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid environment: S3_ENDPOINT is required in production; .*AUTH_SECRET is required in production; DOCUMENT_MASTER_KEY is required in production; NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is required in production$/);
    expect(lines[0]).not.toContain("DATABASE_URL");
  });

  it("names a malformed variable", () => {
    const result = startWith({ NODE_ENV: "production", CHAIN_ID: "not-a-number" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("CHAIN_ID");
  });
});
