/**
 * `npm run bench -- <name>` runs `scripts/bench/<name>.ts`; `npm run bench` runs every benchmark in turn.
 * Each prints a table and writes `bench-results/<name>.json`; then bench-results/report.md is rewritten
 * from every results file there, with charts (report.ts). The app under test is BENCH_URL when set,
 * otherwise an isolated stack + app that the harness starts on free ports in a temp dir and stops at the end.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import exitHook from "async-exit-hook";
import { ZodError } from "zod";
import { loadToolingEnv } from "../../lib/env";
import { createBenchContext, type BenchmarkModule } from "./context";
import { appServerMode } from "./isolated-app";
import { writeReport } from "./report";
import { assertMetrics, formatTable, RESULTS_DIR, writeResults } from "./results";

const BENCH_DIR = import.meta.dirname;
/** Modules in this folder that are the harness rather than benchmarks. */
const HARNESS_FILES = new Set(["run", "context", "http-session", "isolated-app", "isolated-app-child", "report", "results", "stats", "svg-chart"]);

async function availableBenchmarks(): Promise<string[]> {
  const files = await readdir(BENCH_DIR);
  return files
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts") && !file.endsWith(".test.ts"))
    .map((file) => file.slice(0, -".ts".length))
    .filter((name) => !HARNESS_FILES.has(name))
    .sort();
}

async function loadBenchmark(name: string): Promise<BenchmarkModule> {
  const loaded: Partial<BenchmarkModule> = await import(pathToFileURL(path.join(BENCH_DIR, `${name}.ts`)).href);
  if (typeof loaded.default !== "function" || typeof loaded.description !== "string") {
    throw new Error(`scripts/bench/${name}.ts must export \`description\` and a default run(context) function (or, if it is a helper, be listed in HARNESS_FILES in run.ts)`);
  }
  return loaded as BenchmarkModule;
}

async function main(requested: string[]): Promise<number> {
  const available = await availableBenchmarks();
  const names = requested.length > 0 ? requested.map((name) => path.basename(name, ".ts")) : available;
  const unknown = names.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    console.error(`bench: unknown benchmark ${unknown.join(", ")} (available: ${available.join(", ")})`);
    return 2;
  }
  const loaded = await Promise.all(names.map(async (name) => ({ name, benchmark: await loadBenchmark(name) })));
  // Benchmarks with their own app servers go first, before the shared app holds the `next dev` lock.
  const ordered = [...loaded.filter((b) => b.benchmark.startsOwnAppServers), ...loaded.filter((b) => !b.benchmark.startsOwnAppServers)];

  const appMode = appServerMode();
  const harness = createBenchContext({ benchUrl: loadToolingEnv().BENCH_URL?.replace(/\/+$/, ""), appMode });
  exitHook((done) => {
    void harness.dispose().finally(done);
  });
  // Past this, children still stop on their own once our IPC channels close; only temp dirs may be left behind.
  exitHook.forceExitTimeout(30_000);

  let failed = 0;
  try {
    for (const { name, benchmark } of ordered) {
      harness.context.log(`${name}: ${benchmark.description}`);
      try {
        const metrics: unknown = await benchmark.default(harness.context);
        assertMetrics(name, metrics);
        const target = benchmark.startsOwnAppServers ? `app: next ${appMode}, started by the benchmark` : `app: ${harness.sharedAppTarget() ?? "none"}`;
        console.log(`${formatTable(`${name}: ${benchmark.description}`, target, metrics)}\n`);
        harness.context.log(`wrote ${path.relative(process.cwd(), await writeResults(name, metrics))}`);
      } catch (error) {
        failed += 1;
        console.error(`bench ${name} failed: ${describeFailure(error)}`);
      }
    }
  } finally {
    await harness.dispose();
  }
  const report = await writeReport(RESULTS_DIR, Object.fromEntries(loaded.map(({ name, benchmark }) => [name, benchmark.description])));
  harness.context.log(`wrote ${path.relative(process.cwd(), report)}`);
  return failed > 0 ? 1 : 0;
}

function describeFailure(error: unknown): string {
  if (error instanceof ZodError) return error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ");
  return error instanceof Error ? error.message : String(error);
}

// Exit explicitly: async-exit-hook answers a drained event loop ("beforeExit") with exit code 0, hiding failures.
process.exit(
  await main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`bench: ${describeFailure(error)}`);
    return 1;
  }),
);
