/**
 * The booking benchmark's measurements (see ../booking.ts for what they mean and why in-process). Runs in
 * the worker process, against the stack whose environment the worker has set.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { bookAppointment } from "@/lib/appointments/book-appointment";
import type { Slot } from "@/lib/appointments/compute-slots";
import { listFreeSlots } from "@/lib/appointments/list-slots";
import { loadActor } from "@/lib/auth/current-actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import type { Result } from "@/lib/result";
import { createPatient, createVerifiedDoctor, everyDayRules, type TestDoctor, type TestPatient } from "@/lib/testing/fixtures";
import { percentile, round } from "../stats";
import { newTally, record, type Outcome, type Tally } from "./tally";

export interface BookingBenchSettings {
  clients: number;
  callsPerClient: number;
  warmUpCallsPerClient: number;
  raceRounds: number;
  racers: number;
}

export type WorkerMessage = { metrics: Record<string, number> } | { error: string };

const outcomeOf = (result: Result<unknown>): [Outcome, string] =>
  result.ok ? ["ok", "ok"] : result.error.code === "SLOT_TAKEN" ? ["SLOT_TAKEN", "SLOT_TAKEN"] : ["error", `${result.error.code}: ${result.error.message}`];

/** Times one call; a throw is what a user would see as a 500, so it counts as an error, never aborts the run. */
async function timed(work: () => Promise<Result<unknown>>): Promise<{ ms: number; outcome: Outcome; detail: string }> {
  const started = performance.now();
  try {
    const [outcome, detail] = outcomeOf(await work());
    return { ms: performance.now() - started, outcome, detail };
  } catch (error) {
    return { ms: performance.now() - started, outcome: "error", detail: `thrown: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** What every protected server action does before its service: load the actor from the session, authorize. */
async function noOpAction(patient: TestPatient): Promise<Result<null>> {
  const allowed = await authorize(await loadActor(patient.sessionId), "appointment.list_own");
  return allowed.ok ? { ok: true, value: null } : allowed;
}

/** The booking action's work: the same actor load, then the booking service. */
async function bookingAction(patient: TestPatient, doctor: TestDoctor, slot: Slot): Promise<Result<unknown>> {
  const actor = await loadActor(patient.sessionId);
  return bookAppointment(actor, { doctorId: doctor.doctorId, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), reason: "Benchmark visit", idempotencyKey: randomUUID() });
}

/**
 * Samples, on a connection of its own, how many of the app's transactions wait for an advisory lock (the
 * audit chain serializes every audited write with one) while `work` runs: the average queue length.
 */
async function advisoryLockQueue(work: () => Promise<void>): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const samples: number[] = [];
  let running = true;
  const sampling = (async () => {
    while (running) {
      const { rows } = await client.query<{ waiting: number }>(
        "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'",
      );
      samples.push(rows[0]?.waiting ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    await work();
  } finally {
    running = false;
    await sampling;
    await client.end();
  }
  return samples.length > 0 ? samples.reduce((sum, n) => sum + n, 0) / samples.length : 0;
}

/** CPU time this process spent on `work`, in ms: less noisy than latency on a shared machine. */
async function cpuMs(work: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** `clients` concurrent loops, each making `calls` calls one after another. */
async function concurrently(clients: TestPatient[], calls: number, call: (patient: TestPatient, clientIndex: number, callIndex: number) => Promise<Result<unknown>>, tally?: Tally) {
  await Promise.all(
    clients.map(async (patient, clientIndex) => {
      for (let callIndex = 0; callIndex < calls; callIndex++) {
        const { ms, outcome, detail } = await timed(() => call(patient, clientIndex, callIndex));
        if (tally) record(tally, outcome, detail, ms);
      }
    }),
  );
}

/** A round-the-clock doctor in UTC, 10-minute slots, bookable at once and 60 days ahead: the densest schedule. */
const denseDoctor = () => createVerifiedDoctor({ timeZone: "UTC", rules: everyDayRules(), minNoticeMinutes: 0, horizonDays: 60 });

async function freeSlots(patient: TestPatient, doctor: TestDoctor, count: number): Promise<Slot[]> {
  const listed = await listFreeSlots(patient.actor, { doctorId: doctor.doctorId, days: 60 });
  if (!listed.ok) throw new Error(`listFreeSlots: ${listed.error.code}`);
  // Skip the first hour, so no slot turns past while the run lasts.
  const later = listed.value.slots.filter((s) => s.startsAt.getTime() > Date.now() + 3_600_000);
  if (later.length < count) throw new Error(`needed ${count} free slots, the doctor has ${later.length}`);
  return later.slice(0, count);
}

export async function measureBooking(settings: BookingBenchSettings, log: (message: string) => void): Promise<Record<string, number>> {
  const { clients: clientCount, callsPerClient, warmUpCallsPerClient, raceRounds, racers } = settings;
  log(`creating ${clientCount + racers} patients and 2 doctors`);
  const clients = await Promise.all(Array.from({ length: clientCount }, () => createPatient()));
  // Racers of their own: the clients already hold appointments at the times the races use.
  const racingPatients = await Promise.all(Array.from({ length: racers }, () => createPatient()));
  const [loadDoctor, raceDoctor] = [await denseDoctor(), await denseDoctor()];
  const slots = await freeSlots(clients[0]!, loadDoctor, clientCount * (warmUpCallsPerClient + callsPerClient));
  // Client c books its own run of consecutive slots, so bookings made at the same moment are hours apart:
  // contention for one time is what the race rounds measure, not this phase.
  const perClient = warmUpCallsPerClient + callsPerClient;
  const slotFor = (clientIndex: number, callIndex: number) => slots[clientIndex * perClient + callIndex]!;

  log("warming up (query compilation, pool connections)");
  await concurrently(clients, warmUpCallsPerClient, (patient) => noOpAction(patient));
  await concurrently(clients, warmUpCallsPerClient, (patient, c, i) => bookingAction(patient, loadDoctor, slotFor(c, i)));

  log(`no-op: ${clientCount} clients × ${callsPerClient} calls`);
  const noop = newTally();
  const noopCpuMs = await cpuMs(() => concurrently(clients, callsPerClient, (patient) => noOpAction(patient), noop));

  log(`booking: ${clientCount} clients × ${callsPerClient} bookings of distinct slots`);
  const booking = newTally();
  const bookingStarted = performance.now();
  let bookingCpuMs = 0;
  const lockQueue = await advisoryLockQueue(async () => {
    bookingCpuMs = await cpuMs(() => concurrently(clients, callsPerClient, (patient, c, i) => bookingAction(patient, loadDoctor, slotFor(c, warmUpCallsPerClient + i)), booking));
  });
  const bookingSeconds = (performance.now() - bookingStarted) / 1000;

  log(`races: ${raceRounds} rounds × ${racers} patients booking one slot`);
  const race = newTally();
  let roundsWithOneWinner = 0;
  const raceSlots = await freeSlots(clients[0]!, raceDoctor, raceRounds);
  for (const slot of raceSlots) {
    const before = race.ok;
    const results = await Promise.all(racingPatients.map((patient) => timed(() => bookingAction(patient, raceDoctor, slot))));
    for (const { outcome, detail } of results) record(race, outcome, detail);
    if (race.ok - before === 1) roundsWithOneWinner += 1;
  }

  const doubled = await db().$queryRaw<{ count: bigint }[]>`
    SELECT count(*) FROM (
      SELECT doctor_id, starts_at FROM appointments WHERE status = 'BOOKED' GROUP BY doctor_id, starts_at HAVING count(*) > 1
    ) AS slots_with_more_than_one`;

  for (const [name, tally] of Object.entries({ noop, booking, race })) {
    if (tally.errors > 0) log(`${name}: ${tally.errors} errors, e.g. ${tally.examples.join(" | ")}`);
  }
  const bookingP95 = percentile(booking.samples, 95);
  const noopP95 = percentile(noop.samples, 95);
  return {
    clients: clientCount,
    booking_p50_ms: round(percentile(booking.samples, 50), 1),
    booking_p95_ms: round(bookingP95, 1),
    booking_p99_ms: round(percentile(booking.samples, 99), 1),
    noop_p50_ms: round(percentile(noop.samples, 50), 1),
    noop_p95_ms: round(noopP95, 1),
    noop_p99_ms: round(percentile(noop.samples, 99), 1),
    p95_ratio: round(bookingP95 / noopP95, 2),
    booking_cpu_ms_per_call: round(bookingCpuMs / booking.samples.length, 2),
    noop_cpu_ms_per_call: round(noopCpuMs / noop.samples.length, 2),
    bookings: booking.ok,
    bookings_per_s: round(booking.ok / bookingSeconds, 1),
    advisory_lock_queue_avg: round(lockQueue, 1),
    slot_taken: booking.slotTaken,
    errors: noop.errors + booking.errors + race.errors,
    race_rounds: raceSlots.length,
    race_rounds_one_winner: roundsWithOneWinner,
    race_slot_taken: race.slotTaken,
    race_double_bookings: Number(doubled[0]?.count ?? 0),
  };
}
