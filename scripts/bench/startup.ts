/**
 * Startup: how long until a fresh checkout answers `/api/health` with 200 (cold: new data root, so initdb,
 * migrations and contract deployment), how long a restart on the same data takes (warm), and the health
 * endpoint's p95 latency on the warm server. It starts its own stacks in a temp dir, also when BENCH_URL is
 * set, because start-up of someone else's server cannot be measured from here. Each start runs in a fresh
 * process (see isolated-app.ts), so like `npm run dev` it includes Node start-up. The `.next` compile cache is
 * kept between runs: "cold" is about the data, not about Next.js compilation.
 */
import type { BenchContext } from "./context";
import { startIsolatedApp, type IsolatedApp } from "./isolated-app";
import { percentile, round } from "./stats";

export const description = "cold and warm start to /api/health 200, then /api/health latency";
export const startsOwnAppServers = true;

const WARM_UP_CALLS = 3;
const MEASURED_CALLS = 100;

async function timedStart(context: BenchContext, dataRoot: string): Promise<{ seconds: number; app: IsolatedApp }> {
  const started = performance.now();
  const app = await startIsolatedApp({ dataRoot, mode: context.appMode, defer: context.defer });
  return { seconds: (performance.now() - started) / 1000, app };
}

async function healthLatencyMs(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/api/health`);
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`/api/health answered ${response.status}`);
  return elapsed;
}

export default async function run(context: BenchContext): Promise<Record<string, number>> {
  const dataRoot = await context.tempDir("startup");

  context.log("cold start (fresh data root)");
  const cold = await timedStart(context, dataRoot);
  await cold.app.stop();

  context.log("warm start (same data root)");
  const warm = await timedStart(context, dataRoot);

  // The first calls in dev mode compile the route and open the database pool: not what p95 is about.
  for (let i = 0; i < WARM_UP_CALLS; i++) await healthLatencyMs(warm.app.url);
  const samples: number[] = [];
  for (let i = 0; i < MEASURED_CALLS; i++) samples.push(await healthLatencyMs(warm.app.url));
  await warm.app.stop();

  return {
    cold_start_s: round(cold.seconds, 2),
    warm_start_s: round(warm.seconds, 2),
    health_p95_ms: round(percentile(samples, 95), 2),
  };
}
