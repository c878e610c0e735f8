import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { DemoLogin } from "../../prisma/seed";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

/**
 * Seeds the demo accounts (once per database) in a child process: the domain services are
 * `server-only` modules, which load only under the `react-server` export condition.
 */
export async function seedDemo(env: Record<string, string>, loginsFile: string): Promise<DemoLogin[]> {
  const { stdout } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(PROJECT_ROOT, "scripts/db/seed.ts"), loginsFile], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, NODE_ENV: "development" },
    maxBuffer: 10 * 1024 * 1024,
  });
  const lastLine = stdout.trim().split("\n").pop() ?? "[]";
  return JSON.parse(lastLine) as DemoLogin[];
}

export function formatLogins(logins: DemoLogin[]): string {
  return logins
    .map((l) => `  ${l.role.padEnd(8)} ${l.email.padEnd(32)} ${l.password}${l.totpSecret ? `  TOTP secret ${l.totpSecret}` : ""}${l.note ? `  (${l.note})` : ""}`)
    .join("\n");
}
