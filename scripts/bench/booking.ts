/**
 * Booking under load: p50/p95/p99 of booking a slot with 50 concurrent clients, against a no-op
 * authenticated call in the same run, plus rounds of 20 patients racing for one slot.
 *
 * Why in-process rather than over HTTP: a server action is reachable only through its build-specific
 * action id and an encrypted, React-serialized request, so a load generator would either measure a
 * re-implementation of that protocol or depend on build internals. What a booking action does beyond the
 * protocol is load the actor from the session (`loadActor`: session row, user row) and call the domain
 * service; the baseline action does the same load and an `authorize` check, then nothing. So both are
 * timed as exactly that, in one process, against a real isolated stack (embedded Postgres, migrations,
 * the app's own Prisma client and pool). Not included, equally for both: HTTP, Next.js routing, the
 * JWT cookie decode and React serialization.
 *
 * The services are `server-only` modules and lib/auth imports Next.js, so the measurement runs in a
 * child process under the `react-server` export condition (like scripts/services/seed-demo.ts), which
 * starts its own stack in a temp dir: see booking/worker.ts and booking/measure.ts.
 *
 * Each client is one patient booking its own run of distinct free slots of one round-the-clock doctor
 * with 10-minute slots (the densest schedule, so the slot re-check costs the most), so no booking should
 * lose a race: a SLOT_TAKEN there is counted apart from errors (anything else that is not ok, or a
 * throw). The race rounds then send 20 bookings of one slot at once from 20 other patients;
 * `race_double_bookings` counts slots holding more than one BOOKED appointment afterwards, which the
 * exclusion constraint must keep at 0.
 *
 * Because latency on a shared machine is noisy, two explanatory figures come with it: CPU time of the
 * process per call (`*_cpu_ms_per_call`: the clients saturate one Node.js thread, so p95 under load tracks
 * it), and `advisory_lock_queue_avg`, how many booking transactions wait on average for an advisory lock
 * (the audit chain's, which serializes every audited write) while the booking phase runs.
 * Goal: booking p95 ≤ 3× the no-op p95, and no errors.
 */
import { fork } from "node:child_process";
import path from "node:path";
import type { BenchContext } from "./context";
import type { BookingBenchSettings, WorkerMessage } from "./booking/measure";

export const description = "booking p50/p95/p99 (50 concurrent clients) vs a no-op authenticated call; same-slot races";

const WORKER = path.join(import.meta.dirname, "booking", "worker.ts");
const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

const SETTINGS: BookingBenchSettings = { clients: 50, callsPerClient: 20, warmUpCallsPerClient: 2, raceRounds: 50, racers: 20 };

export default async function run(context: BenchContext): Promise<Record<string, number>> {
  const dataRoot = await context.tempDir("booking");
  context.log(`booking: starting a stack and ${SETTINGS.clients} clients in a react-server child process`);
  const child = fork(WORKER, [dataRoot, JSON.stringify(SETTINGS)], {
    cwd: PROJECT_ROOT,
    execArgv: ["--conditions=react-server", "--import", "tsx"],
    env: { ...process.env, NODE_ENV: "development" },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // The child stops its stack on disconnect; registered now so an interrupted run still waits for that.
  context.defer(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.disconnect();
    await exited;
  });

  const message = await new Promise<WorkerMessage>((resolve, reject) => {
    child.once("message", (m: WorkerMessage) => resolve(m));
    void exited.then((code) => reject(new Error(`booking worker exited (code ${code}) before reporting`)));
  });
  await exited;
  if ("error" in message) throw new Error(message.error);
  return message.metrics;
}
