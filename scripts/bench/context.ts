/** What a benchmark module exports and what the harness hands it (see run.ts for how they are run). */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DemoLogin } from "../../prisma/seed";
import { demoLoginsFile, startIsolatedApp, type AppMode, type IsolatedApp } from "./isolated-app";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

export interface BenchContext {
  /** How app servers started for benchmarks run; a benchmark that starts its own should use the same. */
  readonly appMode: AppMode;
  /** Base URL of the app under test: BENCH_URL, or an isolated stack + app started on first call and stopped when the run ends. */
  appUrl(): Promise<string>;
  /**
   * The environment of the isolated stack behind appUrl() (database, S3, master key), for benchmarks that
   * prepare rows or measure a raw baseline against the same services; undefined with BENCH_URL.
   */
  stackEnv(): Promise<Record<string, string> | undefined>;
  /** Demo accounts of the app under test: the isolated stack's, or `.data/demo-logins.json` for BENCH_URL. */
  demoLogins(): Promise<DemoLogin[]>;
  /** A fresh directory, removed when the run ends (after every deferred stop). */
  tempDir(label: string): Promise<string>;
  /** Runs `cleanup` when the run ends, also after an error or Ctrl-C; last registered runs first. */
  defer(cleanup: () => Promise<void>): void;
  /** Progress on stderr, so stdout carries only the results tables. */
  log(message: string): void;
}

/** The shape of `scripts/bench/<name>.ts`. */
export interface BenchmarkModule {
  /** One line for the table header. */
  description: string;
  /**
   * Set by benchmarks that start their own app servers (startup). `next dev` allows one server per project
   * directory, so the harness runs these before the shared app exists.
   */
  startsOwnAppServers?: boolean;
  /** Returns a flat object of named numbers; key names carry the unit (`_s`, `_ms`, `_per_s`). */
  default(context: BenchContext): Promise<Record<string, number>>;
}

export interface HarnessContext {
  context: BenchContext;
  /** Where the shared app came from, for the table header; undefined while it was not asked for. */
  sharedAppTarget(): string | undefined;
  /** Runs every deferred cleanup; safe to call more than once. */
  dispose(): Promise<void>;
}

export function createBenchContext({ benchUrl, appMode }: { benchUrl: string | undefined; appMode: AppMode }): HarnessContext {
  const cleanups: (() => Promise<void>)[] = [];
  let sharedApp: Promise<IsolatedApp> | undefined;
  let sharedDataRoot: string | undefined;
  let target: string | undefined;

  const context: BenchContext = {
    appMode,
    async appUrl() {
      if (benchUrl) {
        target = `BENCH_URL ${benchUrl}`;
        return benchUrl;
      }
      sharedApp ??= (async () => {
        const dataRoot = await context.tempDir("app");
        sharedDataRoot = dataRoot;
        context.log(`starting an isolated stack and next ${appMode}`);
        const app = await startIsolatedApp({ dataRoot, mode: appMode, defer: context.defer });
        target = `next ${appMode} on an isolated stack at ${app.url}`;
        return app;
      })();
      return (await sharedApp).url;
    },
    async stackEnv() {
      await context.appUrl();
      return sharedApp ? (await sharedApp).env : undefined;
    },
    async demoLogins() {
      await context.appUrl();
      const file = sharedDataRoot ? demoLoginsFile(sharedDataRoot) : path.join(PROJECT_ROOT, ".data", "demo-logins.json");
      return JSON.parse(await readFile(file, "utf8")) as DemoLogin[];
    },
    async tempDir(label) {
      const dir = await mkdtemp(path.join(tmpdir(), `medanchor-bench-${label}-`));
      context.defer(() => rm(dir, { recursive: true, force: true }));
      return dir;
    },
    defer(cleanup) {
      cleanups.push(cleanup);
    },
    log(message) {
      process.stderr.write(`[bench] ${message}\n`);
    },
  };

  // One shared run: Ctrl-C and the end of the run both dispose, and each must wait for all of it.
  let disposing: Promise<void> | undefined;
  const runCleanups = async () => {
    // Sequential and in reverse: a data directory is removed only after the processes using it stopped.
    for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) {
      try {
        await cleanup();
      } catch (error) {
        context.log(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  return {
    context,
    sharedAppTarget: () => target,
    dispose: () => (disposing ??= runCleanups()),
  };
}
