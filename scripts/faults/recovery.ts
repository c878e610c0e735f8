/**
 * After a fault and its recovery: which acknowledged writes are gone, and which invariants fail
 * (scripts/check-invariants.ts, in a process of its own so it starts with fresh connections).
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import type { Violation } from "../check-invariants";
import type { Tally } from "./users";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

/** Acknowledged uploads not STORED with the bytes' SHA-256, and confirmed bookings not BOOKED in Postgres. */
export async function lostWrites(env: Record<string, string>, tally: Tally): Promise<string[]> {
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 1 });
  try {
    const lost: string[] = [];
    const { rows } = await pool.query<{ id: string; state: string; sha256: string | null }>("SELECT id, state::text AS state, sha256 FROM documents WHERE id = ANY($1::uuid[])", [tally.uploads.map((u) => u.documentId)]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const upload of tally.uploads) {
      const row = byId.get(upload.documentId);
      if (row?.state !== "STORED" || row.sha256 !== upload.sha256) lost.push(`document ${upload.documentId}: ${row ? `${row.state}, sha256 ${row.sha256 === upload.sha256 ? "same" : "differs"}` : "no row"}`);
    }
    for (const booking of tally.bookings) {
      const found = await pool.query(
        "SELECT 1 FROM appointments a JOIN users u ON u.id = a.patient_id WHERE u.email = $1 AND a.idempotency_key = $2 AND a.status = 'BOOKED'",
        [booking.patientEmail, booking.idempotencyKey],
      );
      if (found.rowCount !== 1) lost.push(`booking ${booking.idempotencyKey}: ${found.rowCount} BOOKED rows`);
    }
    return lost;
  } finally {
    await pool.end();
  }
}

/** Every invariant over what was written since `since`; the outbox gets its 60 s to settle. */
export async function invariantViolations(env: Record<string, string>, since: Date): Promise<Violation[]> {
  const script = path.join(PROJECT_ROOT, "scripts/check-invariants.ts");
  const args = ["--conditions=react-server", "--import", "tsx", script, "--since", since.toISOString(), "--json"];
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, NODE_ENV: "development" };
  const options = { cwd: PROJECT_ROOT, env: childEnv, maxBuffer: 16 * 1024 * 1024, encoding: "utf8" as const };
  try {
    const { stdout } = await run(process.execPath, args, options);
    return JSON.parse(stdout.trim().split("\n").pop() ?? "[]") as Violation[];
  } catch (error) {
    // Exit code 1 means violations, printed as JSON like a pass; anything else is the checker failing.
    const stdout = (error as { stdout?: string }).stdout?.trim().split("\n").pop();
    if ((error as { code?: number }).code === 1 && stdout?.startsWith("[")) return JSON.parse(stdout) as Violation[];
    throw new Error(`check-invariants failed: ${(error as { stderr?: string }).stderr?.trim().split("\n").pop() ?? String(error)}`);
  }
}
