/**
 * `npm test`: every suite, in order, against real services; ends with one line `N passed, N failed`.
 * Typecheck, lint and build count as one test each; vitest and Playwright contribute their own counts.
 * A failing suite does not stop the others (except the production smoke and Playwright, which need the build).
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ensureChromium } from "./test-support/ensure-chromium";

const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS = path.join(ROOT, "test-results");
const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);

interface SuiteResult {
  suite: string;
  passed: number;
  failed: number;
  seconds: number;
}

const results: SuiteResult[] = [];
const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", FORCE_COLOR: "0" };

function run(command: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  console.log(`\n$ ${[path.basename(command), ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: { ...childEnv, ...extraEnv } });
  return result.status === 0;
}

function timed(suite: string, work: () => { passed: number; failed: number }) {
  const started = Date.now();
  const counts = work();
  results.push({ suite, ...counts, seconds: (Date.now() - started) / 1000 });
}

function single(ok: boolean) {
  return ok ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

/** Counts from a JSON report; a run that crashed before writing one counts as one failure. */
function countsFrom(file: string, read: (json: never) => { passed: number; failed: number }, ok: boolean) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const counts = read(JSON.parse(readFileSync(file, "utf8")) as never);
  return !ok && counts.failed === 0 ? { ...counts, failed: 1 } : counts;
}

rmSync(RESULTS, { recursive: true, force: true });

timed("typecheck", () => single(run(bin("tsc"), ["--noEmit", "-p", "tsconfig.json"])));
timed("lint", () => single(run(bin("eslint"), ["--max-warnings=0", "."])));

timed("unit + integration + contract (vitest)", () => {
  const file = path.join(RESULTS, "vitest.json");
  const ok = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
  return countsFrom(file, (json: { numPassedTests: number; numFailedTests: number }) => ({ passed: json.numPassedTests, failed: json.numFailedTests }), ok);
});

timed("contracts (forge: unit, fuzz, invariant)", () => {
  const file = path.join(RESULTS, "forge.json");
  mkdirSync(RESULTS, { recursive: true });
  console.log("\n$ tsx contracts/forge/run.ts test --json");
  const out = openSync(file, "w");
  const result = spawnSync(bin("tsx"), ["contracts/forge/run.ts", "test", "--json"], { cwd: ROOT, stdio: ["ignore", out, "inherit"], env: childEnv });
  closeSync(out);
  // forge --json prints one object per suite: { "<path>:<Contract>": { test_results: { "<test>": { status } } } }.
  return countsFrom(
    file,
    (json: Record<string, { test_results: Record<string, { status: string }> }>) => {
      const statuses = Object.values(json).flatMap((suite) => Object.values(suite.test_results).map((t) => t.status));
      return { passed: statuses.filter((s) => s === "Success").length, failed: statuses.filter((s) => s !== "Success").length };
    },
    result.status === 0,
  );
});

let built = false;
timed("next build", () => single((built = run(bin("next"), ["build"]))));

timed("production smoke (next start, env only)", () => {
  if (!built) return { passed: 0, failed: 1 };
  const file = path.join(RESULTS, "smoke.json");
  const ok = run(bin("tsx"), ["scripts/smoke/production-smoke.ts", `--json=${file}`]);
  return countsFrom(file, (json: { passed: number; failed: number }) => ({ passed: json.passed, failed: json.failed }), ok);
});

timed("end-to-end (playwright)", () => {
  if (!built) return { passed: 0, failed: 1 };
  try {
    ensureChromium();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return { passed: 0, failed: 1 };
  }
  const file = path.join(RESULTS, "playwright.json");
  const ok = run(bin("playwright"), ["test"], { CI: "true" });
  return countsFrom(file, (json: { stats: { expected: number; unexpected: number; flaky: number } }) => ({ passed: json.stats.expected + json.stats.flaky, failed: json.stats.unexpected }), ok);
});

// Fault suite subset (about 3 minutes): one app kill, one worker failpoint, one Postgres restart.
// `npm run test:faults` runs every fault (about 10 minutes); see README, "Fault suite".
timed("faults (subset)", () => {
  if (!built) return { passed: 0, failed: 1 };
  const file = path.join(RESULTS, "faults.json");
  const ok = run(bin("tsx"), ["scripts/faults/run.ts", "--only", "mid-booking", "--only", "after-broadcast", "--only", "Postgres restarted during bookings"]);
  return countsFrom(file, (json: { passed: number; failed: number }) => json, ok);
});

console.log("\nsuite                                      passed  failed   seconds");
for (const r of results) console.log(`${r.suite.padEnd(42)} ${String(r.passed).padStart(6)} ${String(r.failed).padStart(7)} ${r.seconds.toFixed(1).padStart(9)}`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
