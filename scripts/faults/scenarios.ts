/**
 * The faults, one function each: strike while users work, recover as an operator (or supervisor)
 * would, and hand back what users did meanwhile. The runner (run.ts) then looks for lost writes and
 * checks the invariants. A fault this machine cannot produce says so instead of pretending.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, mkdirSync } from "node:fs";
import type { Failpoint } from "../../lib/anchors/failpoints";
import type { Slot } from "../bench/booking/http-actions";
import type { FaultSystem } from "./system";
import { newTally, type Tally, type User } from "./users";

export interface FaultContext {
  system: FaultSystem;
  users: User[];
  /** Free, disjoint slots, taken from the front as bookings need them. */
  slots: Slot[];
  log(line: string): void;
}

export type FaultRun = { tally: Tally; note?: string } | { notRunnable: string };

export interface Fault {
  name: string;
  run(context: FaultContext): Promise<FaultRun>;
}

const MIB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nextSlot = (context: FaultContext) => {
  const slot = context.slots.shift();
  if (!slot) throw new Error("the fault suite ran out of free slots");
  return slot;
};

/** Bookings on distinct slots by every user at once; the ones refused are resubmitted later with the same key. */
function bookConcurrently(context: FaultContext, tally: Tally, perUser: number): Promise<{ user: User; slot: Slot; key: string; ok: boolean }[]> {
  return Promise.all(
    context.users.flatMap((user) =>
      Array.from({ length: perUser }, async () => {
        const slot = nextSlot(context);
        const key: string = randomUUID();
        return { user, slot, key, ok: await user.book(tally, slot, key) };
      }),
    ),
  );
}

/** A user who saw an error resubmits the same form (same idempotency key) once the app is back. */
async function resubmit(tally: Tally, attempts: { user: User; slot: Slot; key: string; ok: boolean }[]): Promise<void> {
  for (const attempt of attempts.filter((a) => !a.ok)) await attempt.user.book(tally, attempt.slot, attempt.key);
}

/** Opens one 2 MiB upload per user, then starts streaming them all (about a second each); resolves once the bytes flow. */
async function streamingUploads(users: User[], tally: Tally): Promise<Promise<boolean>[]> {
  const opened = await Promise.all(users.map(async (user) => ({ user, upload: await user.openUpload(tally, 2 * MIB) })));
  return opened.map(({ user, upload }) => (upload ? user.put(tally, upload, { slowly: true }) : Promise.resolve(false)));
}

const appKilledMidUpload: Fault = {
  name: "app killed (kill -9) mid-upload",
  async run({ system, users }) {
    const tally = newTally();
    const uploads = await streamingUploads(users, tally);
    await sleep(400);
    await system.killApp();
    await Promise.all(uploads);
    await system.startApp();
    for (const user of users) await user.upload(tally, 256 * 1024);
    return { tally, note: "uploads cut off stay UPLOADING until the sweeper expires them; users retry" };
  },
};

const appKilledMidBooking: Fault = {
  name: "app killed (kill -9) mid-booking",
  async run(context) {
    const tally = newTally();
    const booking = bookConcurrently(context, tally, 3);
    await sleep(150);
    await context.system.killApp();
    const attempts = await booking;
    await context.system.startApp();
    await resubmit(tally, attempts);
    return { tally, note: "refused bookings resubmitted with the same idempotency key after the restart" };
  },
};

function workerKilledAt(point: Failpoint): Fault {
  return {
    name: `worker killed (SIGKILL) at ${point}`,
    async run({ system, users }) {
      const tally = newTally();
      await system.stopWorker();
      const crashing = system.startWorker(point);
      for (const user of users) await user.upload(tally, 128 * 1024);
      const ended = await Promise.race([crashing.exited, sleep(30_000).then(() => null)]);
      system.startWorker();
      return { tally, note: ended?.signal === "SIGKILL" ? `died at ${point}, restarted without the failpoint` : `did not reach ${point} within 30 s` };
    },
  };
}

const s3StoppedMidUpload: Fault = {
  name: "S3 server stopped during uploads (3 s)",
  async run({ system, users }) {
    const tally = newTally();
    const uploads = await streamingUploads(users, tally);
    await sleep(400);
    await system.stopService("s3");
    await Promise.all(uploads);
    for (const user of users) await user.upload(tally, 128 * 1024);
    await sleep(3_000);
    await system.startService("s3");
    for (const user of users) await user.upload(tally, 128 * 1024);
    return { tally };
  },
};

async function restartPostgres(system: FaultSystem, downMs: number): Promise<void> {
  await system.stopService("postgres");
  await sleep(downMs);
  await system.startService("postgres");
}

const postgresRestartedMidBooking: Fault = {
  name: "Postgres restarted during bookings (2 s down)",
  async run(context) {
    const tally = newTally();
    const first = bookConcurrently(context, tally, 2);
    await sleep(100);
    const restart = restartPostgres(context.system, 2_000);
    await sleep(500);
    const during = bookConcurrently(context, tally, 1);
    await restart;
    const attempts = [...(await first), ...(await during)];
    await resubmit(tally, attempts);
    return { tally, note: "refused bookings resubmitted with the same idempotency key" };
  },
};

const postgresRestartedMidAnchoring: Fault = {
  name: "Postgres restarted during anchoring (1.5 s down)",
  async run({ system, users }) {
    const tally = newTally();
    await Promise.all(users.map((user) => user.upload(tally, 64 * 1024)));
    await restartPostgres(system, 1_500);
    for (const user of users) await user.upload(tally, 64 * 1024);
    return { tally, note: system.worker?.running() ? "worker kept running" : "worker exited" };
  },
};

const chainStopped: Fault = {
  name: "chain (anvil) stopped for 30 s",
  async run(context) {
    const { system, users } = context;
    const tally = newTally();
    await system.stopService("chain");
    const started = Date.now();
    for (const user of users) await user.upload(tally, 64 * 1024);
    await bookConcurrently(context, tally, 1);
    await sleep(30_000 - (Date.now() - started));
    await system.startService("chain");
    return { tally, note: "restarted from its state dump (same height and contract)" };
  },
};

/**
 * The S3 server's data moved onto a tmpfs with a few MiB to spare, then uploads until it is full; the
 * data is moved back afterwards. Needs root and a container that allows mount.
 */
const s3DiskFull: Fault = {
  name: "S3 data dir on a full disk (tmpfs quota)",
  async run({ system, users }) {
    const quotaDir = `${system.s3DataDir}-quota`;
    mkdirSync(quotaDir, { recursive: true });
    const usedKib = Number(execFileSync("du", ["-sk", system.s3DataDir]).toString().split("\t")[0]);
    const sizeKib = usedKib + 6 * 1024;
    await system.stopService("s3");
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKib}k`, "tmpfs", quotaDir], { stdio: "pipe" });
    } catch (error) {
      await system.startService("s3");
      return { notRunnable: `mount -t tmpfs failed: ${(error as { stderr?: Buffer }).stderr?.toString().trim() || String(error)}` };
    }
    const tally = newTally();
    try {
      cpSync(system.s3DataDir, quotaDir, { recursive: true });
      await system.startService("s3", quotaDir);
      for (let round = 0; round < 3; round += 1) for (const user of users) await user.upload(tally, 1 * MIB);
      await system.stopService("s3");
      cpSync(quotaDir, system.s3DataDir, { recursive: true });
    } finally {
      await system.stopService("s3");
      execFileSync("umount", [quotaDir]);
      await system.startService("s3");
    }
    return { tally, note: `quota ${Math.round(sizeKib / 1024)} MiB (${Math.round(usedKib / 1024)} MiB in use)` };
  },
};

export const FAULTS: Fault[] = [
  appKilledMidUpload,
  appKilledMidBooking,
  workerKilledAt("after-sign"),
  workerKilledAt("after-broadcast"),
  workerKilledAt("before-confirm"),
  s3StoppedMidUpload,
  postgresRestartedMidBooking,
  postgresRestartedMidAnchoring,
  chainStopped,
  s3DiskFull,
];
