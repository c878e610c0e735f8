/**
 * Page load under load (issue 8): 50 concurrent signed-in clients (autocannon) on the patient dashboard
 * and on the documents page, for a patient with 10 documents and one with 10,000. The baseline is the
 * same page for the small record in the same run, so `p95_ratio` says what a large record costs.
 *
 * The documents are inserted as STORED rows straight into the isolated stack's database (their objects
 * are never read by these pages), which is why this benchmark needs that stack rather than BENCH_URL.
 *
 * Goal: p95 ratio ≤ 1.5× for the dashboard, 0 errors (any non-200, including a redirect to /login).
 */
import autocannon from "autocannon";
import pg from "pg";
import type { BenchContext } from "./context";
import { signIn, type HttpSession } from "./http-session";
import { percentile, round } from "./stats";

export const description = "patient dashboard and documents page p95 with 50 concurrent clients, 10 vs 10,000 documents";

const CONNECTIONS = 50;
const DURATION_S = 10;
const SMALL = 10;
const LARGE = 10_000;
const KINDS = ["LAB_RESULT", "IMAGING", "PRESCRIPTION", "REPORT", "REFERRAL", "OTHER"];

interface LoadResult {
  p95Ms: number;
  requests: number;
  errors: number;
}

/** Tops the patient's STORED documents up to `count` (one INSERT … SELECT); returns how many they have. */
async function ensureDocuments(client: pg.Client, email: string, count: number): Promise<number> {
  const { rows } = await client.query<{ id: string; stored: string }>(
    `SELECT u.id, (SELECT count(*) FROM documents d WHERE d.owner_id = u.id AND d.state = 'STORED') AS stored FROM users u WHERE u.email = $1`,
    [email],
  );
  const owner = rows[0];
  if (!owner) throw new Error(`no user ${email}`);
  const missing = count - Number(owner.stored);
  if (missing > 0) {
    await client.query(
      `INSERT INTO documents (id, owner_id, uploader_id, title, kind, service_date, declared_type, declared_size, sniffed_type, size, sha256, storage_key, wrapped_key, state, created_at, stored_at)
       SELECT gen_random_uuid(), $1::uuid, $1::uuid, 'Benchmark document ' || n, ($3::text[])[1 + n % 6]::"DocumentKind", (now() - n * interval '1 day')::date,
              'application/pdf', 1024, 'application/pdf', 1024, encode(sha256(convert_to($1::text || n, 'UTF8')), 'hex'),
              'bench/' || gen_random_uuid(), 'benchmark rows have no data key', 'STORED', now() - n * interval '1 minute', now() - n * interval '1 minute'
       FROM generate_series(1, $2::int) AS n`,
      [owner.id, missing, KINDS],
    );
  }
  return Math.max(count, Number(owner.stored));
}

/** Every response time of a run, so p95 is a nearest-rank figure like the other benchmarks' (autocannon reports p90 and p97.5). */
function load(session: HttpSession, pagePath: string, durationS: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: `${session.url}${pagePath}`, connections: CONNECTIONS, duration: durationS, headers: { cookie: session.cookie } }, (error, result) => {
      if (error) return reject(error instanceof Error ? error : new Error(String(error)));
      if (latencies.length === 0) return reject(new Error(`no 200 from ${pagePath}: ${JSON.stringify(Object.fromEntries(statuses))}, ${result.errors} errors, ${result.timeouts} timeouts, ${result.requests.total} requests, ${result.non2xx} non-2xx`));
      resolve({ p95Ms: percentile(latencies, 95), requests: result.requests.total, errors: result.errors + result.timeouts + result.non2xx });
    });
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      if (statusCode === 200) latencies.push(responseTime);
    });
  });
}

/** A few sequential loads compile the page (next dev) and warm caches; a non-200 here means a bad session. */
async function warmUp(session: HttpSession, pagePath: string): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    const response = await fetch(`${session.url}${pagePath}`, { headers: { cookie: session.cookie }, redirect: "manual" });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${pagePath} answered HTTP ${response.status} to ${session.email}`);
  }
}

export default async function run(context: BenchContext): Promise<Record<string, number>> {
  const url = await context.appUrl();
  const env = await context.stackEnv();
  if (!env?.DATABASE_URL) throw new Error("dashboard inserts document rows, so it runs on the isolated stack only (unset BENCH_URL)");
  const patients = (await context.demoLogins()).filter((login) => login.role === "PATIENT");
  const [small, large] = [patients[1], patients[2]];
  if (!small || !large) throw new Error("needs two demo patients");

  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  let counts: [number, number];
  try {
    counts = [await ensureDocuments(client, small.email, SMALL), await ensureDocuments(client, large.email, LARGE)];
    await client.query("ANALYZE documents");
  } finally {
    await client.end();
  }
  context.log(`dashboard: ${counts[0]} and ${counts[1]} documents`);

  const sessions = [await signIn(url, small.email, small.password), await signIn(url, large.email, large.password)] as const;
  const metrics: Record<string, number> = { documents_small: counts[0], documents_large: counts[1] };
  let errors = 0;
  for (const [label, pagePath] of [
    ["", "/patient"],
    ["documents_", "/patient/documents"],
  ] as const) {
    for (const session of sessions) await warmUp(session, pagePath);
    const [baseline, loaded] = [await load(sessions[0], pagePath, DURATION_S), await load(sessions[1], pagePath, DURATION_S)];
    context.log(`dashboard: ${pagePath}: p95 ${baseline.p95Ms} ms (${SMALL}) vs ${loaded.p95Ms} ms (${LARGE}), ${baseline.requests + loaded.requests} requests`);
    metrics[`${label}p95_10_ms`] = round(baseline.p95Ms, 1);
    metrics[`${label}p95_10k_ms`] = round(loaded.p95Ms, 1);
    metrics[`${label}p95_ratio`] = round(loaded.p95Ms / baseline.p95Ms, 2);
    metrics[`${label}requests`] = baseline.requests + loaded.requests;
    errors += baseline.errors + loaded.errors;
  }
  return { ...metrics, errors };
}
