/**
 * Booking under load, two ways in one run:
 *
 * 1. Over HTTP, the measure (booking/http-actions.ts): p50/p95/p99 of the real booking server
 *    action with 50 concurrent signed-in clients against the running app, against the cheapest
 *    authenticated server action in the same run. Both pay the same HTTP, Next.js, cookie and React
 *    costs, so `p95_ratio` says what booking adds. These are the unprefixed keys.
 * 2. In-process (booking/measure.ts, `inprocess_*` keys and the races): the booking service against a
 *    no-op authenticated call (session → actor → authorize) with 50 concurrent virtual clients, CPU per
 *    call and advisory-lock queueing, to explain where booking time goes; then `race_rounds` rounds of 20
 *    patients booking one slot at once, where `race_double_bookings` (slots with more than one BOOKED
 *    appointment) must stay 0. Services are `server-only`, so this part runs in a child process under the
 *    `react-server` condition with its own stack.
 *
 * Goal: booking p95 ≤ 3× the no-op p95 (over HTTP), zero errors other than expected "slot taken".
 */
import { fork } from "node:child_process";
import path from "node:path";
import type { BenchContext } from "./context";
import { measureBookingOverHttp } from "./booking/http-actions";
import type { BookingBenchSettings, WorkerMessage } from "./booking/measure";

export const description = "booking action p50/p95/p99 over HTTP (50 concurrent clients) vs the cheapest authenticated action; in-process breakdown; same-slot races";

const WORKER = path.join(import.meta.dirname, "booking", "worker.ts");
const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

const SETTINGS: BookingBenchSettings = { clients: 50, callsPerClient: 20, warmUpCallsPerClient: 2, raceRounds: 50, racers: 20 };

export default async function run(context: BenchContext): Promise<Record<string, number>> {
  const overHttp = await measureBookingOverHttp(context);
  const inProcess = await measureInProcess(context);
  return {
    ...overHttp,
    errors: overHttp.errors! + inProcess.errors!,
    inprocess_booking_p95_ms: inProcess.booking_p95_ms!,
    inprocess_noop_p95_ms: inProcess.noop_p95_ms!,
    inprocess_p95_ratio: inProcess.p95_ratio!,
    booking_cpu_ms_per_call: inProcess.booking_cpu_ms_per_call!,
    noop_cpu_ms_per_call: inProcess.noop_cpu_ms_per_call!,
    advisory_lock_queue_avg: inProcess.advisory_lock_queue_avg!,
    race_rounds: inProcess.race_rounds!,
    race_rounds_one_winner: inProcess.race_rounds_one_winner!,
    race_slot_taken: inProcess.race_slot_taken!,
    race_double_bookings: inProcess.race_double_bookings!,
  };
}

async function measureInProcess(context: BenchContext): Promise<Record<string, number>> {
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
