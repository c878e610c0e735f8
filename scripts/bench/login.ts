/**
 * Login latency through the app: Auth.js's credentials endpoint (what the login form's server action
 * calls), i.e. rate-limit check, user lookup, argon2id verification, audit row and session row. The
 * baseline in the same run is one bare argon2id verification with the same parameters, and Auth.js's
 * CSRF endpoint as the cheapest round trip through the same handler.
 */
import { hash, verify } from "@node-rs/argon2";
import type { BenchContext } from "./context";
import { percentile, round } from "./stats";

export const description = "sign-in p50/p95 through Auth.js vs a bare argon2id verification";

const ROUNDS = 100;
/** Must match lib/auth/password.ts. */
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export default async function run(context: BenchContext): Promise<Record<string, number>> {
  const url = await context.appUrl();
  const patient = (await context.demoLogins()).find((l) => l.role === "PATIENT");
  if (!patient) throw new Error("no demo patient to sign in with");

  const csrfMs: number[] = [];
  const loginMs: number[] = [];
  for (let i = 0; i < ROUNDS + 3; i += 1) {
    let csrf = { token: "", cookies: "" };
    const csrfElapsed = await timed(async () => {
      const response = await fetch(`${url}/api/auth/csrf`);
      csrf = { token: ((await response.json()) as { csrfToken: string }).csrfToken, cookies: cookieHeader(response) };
    });
    const loginElapsed = await timed(async () => {
      const response = await fetch(`${url}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.cookies },
        body: new URLSearchParams({ csrfToken: csrf.token, email: patient.email, password: patient.password }),
      });
      await response.arrayBuffer();
      // Production cookies carry a __Secure- prefix, so match the name anywhere.
      if (!response.headers.getSetCookie().some((c) => /authjs\.session-token=/.test(c))) throw new Error(`sign-in failed (HTTP ${response.status})`);
    });
    // The first rounds warm up the route and the database connections.
    if (i >= 3) {
      csrfMs.push(csrfElapsed);
      loginMs.push(loginElapsed);
    }
  }

  const passwordHash = await hash("benchmark passphrase for argon2", ARGON2ID);
  const argonMs: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) argonMs.push(await timed(async () => void (await verify(passwordHash, "benchmark passphrase for argon2"))));

  return {
    login_p50_ms: round(percentile(loginMs, 50), 1),
    login_p95_ms: round(percentile(loginMs, 95), 1),
    argon2_verify_p95_ms: round(percentile(argonMs, 95), 1),
    csrf_p95_ms: round(percentile(csrfMs, 95), 1),
    login_overhead_p95_ms: round(percentile(loginMs, 95) - percentile(argonMs, 95), 1),
  };
}
