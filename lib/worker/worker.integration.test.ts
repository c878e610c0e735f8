/**
 * The worker against the suite's real Postgres and S3 server: its sweep task cleans storage, one of
 * several instances leads (Postgres advisory lock), leadership moves on stop and on a lost connection,
 * a failing task is retried without stopping the loop, and stop lets the current task finish.
 * Every test competes for a lock key of its own, so nothing here meets a worker started elsewhere.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test-support/request-scope")).authModuleStub);

import { db } from "@/lib/db/client";
import { STALE_UPLOAD_REASON, sweepStorage } from "@/lib/documents/sweep-storage";
import { openUpload } from "@/lib/documents/open-upload";
import { serverEnv } from "@/lib/env";
import { headObject, putObjectStream } from "@/lib/storage/object-storage";
import { createPatient, deleteTestData, type TestPatient } from "@/lib/testing/fixtures";
import type { LogLevel } from "./log";
import { sweepStorageTask } from "./tasks";
import { startWorker, type RunningWorker, type WorkerOptions, type WorkerTask } from "./worker";

interface LogEntry {
  level: LogLevel;
  event: string;
  fields: Record<string, unknown>;
}

const running: RunningWorker[] = [];

function lockKey(): bigint {
  return BigInt.asIntN(64, BigInt(`0x${randomBytes(8).toString("hex")}`));
}

function worker(options: Partial<WorkerOptions> & Pick<WorkerOptions, "tasks" | "lockKey">) {
  const logs: LogEntry[] = [];
  const instance = startWorker({
    connectionString: serverEnv().databaseUrl,
    leaderRetryMs: 50,
    log: (level, event, fields = {}) => logs.push({ level, event, fields }),
    ...options,
  });
  running.push(instance);
  return { instance, logs, events: (event: string) => logs.filter((entry) => entry.event === event) };
}

/** A task that only counts its runs, to see which instance does the work. */
function countingTask(intervalMs = 20): WorkerTask & { runs: number } {
  const task = {
    name: "count",
    intervalMs,
    runs: 0,
    run: async () => {
      task.runs += 1;
    },
  };
  return task;
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sessions holding `key`, as Postgres sees them. */
async function lockHolders(key: bigint): Promise<number[]> {
  const rows = await db().$queryRawUnsafe<{ pid: number }[]>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
    key.toString(),
  );
  return rows.map((row) => row.pid);
}

let patient: TestPatient;

beforeAll(async () => {
  patient = await createPatient();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((instance) => instance.stop()));
});
afterAll(async () => {
  await sweepStorage({ prefix: `documents/${patient.user.id}/`, staleAfterMs: 0 });
  await deleteTestData();
});

describe("worker", () => {
  it("runs the storage sweep: removes an orphan object and expires a stale upload", async () => {
    const prefix = `documents/${patient.user.id}/`;
    const orphanKey = `${prefix}${randomUUID()}`;
    await putObjectStream(orphanKey, Buffer.from("no row claims this"));
    const opened = await openUpload(patient.actor, { title: "Abandoned", kind: "REPORT", declaredType: "application/pdf", declaredSize: 100 });
    if (!opened.ok) throw new Error(opened.error.message);
    const stale = await db().document.update({ where: { id: opened.value.documentId }, data: { createdAt: new Date(Date.now() - 2 * 60 * 60_000) } });
    await putObjectStream(stale.storageKey, Buffer.from("half an upload"));

    const { events } = worker({ tasks: [sweepStorageTask({ prefix })], lockKey: lockKey() });
    await waitFor(() => events("task.done").length > 0, "the first sweep");

    const [done] = events("task.done");
    expect(done!.fields).toMatchObject({ task: "sweep-storage", orphansDeleted: 2, objectsExamined: 2, ms: expect.any(Number) });
    expect(done!.fields.expiredUploads).toBeGreaterThanOrEqual(1);
    expect(await headObject(orphanKey)).toBeNull();
    expect(await headObject(stale.storageKey)).toBeNull();
    expect(await db().document.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ state: "FAILED", failureReason: STALE_UPLOAD_REASON });
  });

  it("lets only one of two instances lead, and the other takes over when the leader stops", async () => {
    const key = lockKey();
    const [taskA, taskB] = [countingTask(), countingTask()];
    const a = worker({ tasks: [taskA], lockKey: key });
    await waitFor(() => a.instance.isLeader() && taskA.runs > 0, "the first instance to lead");
    const b = worker({ tasks: [taskB], lockKey: key });
    await waitFor(() => b.events("leader.standby").length > 0, "the second instance to stand by");
    // Many retry rounds of the standby and many runs of the leader later, nothing has changed.
    const runsBefore = taskA.runs;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([a.instance.isLeader(), b.instance.isLeader()]).toEqual([true, false]);
    expect(taskA.runs).toBeGreaterThan(runsBefore);
    expect(taskB.runs).toBe(0);
    expect(await lockHolders(key)).toHaveLength(1);

    await a.instance.stop();
    expect(a.events("worker.stopped")[0]!.fields).toEqual({ released: true });
    await waitFor(() => b.instance.isLeader() && taskB.runs > 0, "the standby to take over");
    const runsOfA = taskA.runs;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(taskA.runs).toBe(runsOfA);
    expect(await lockHolders(key)).toHaveLength(1);

    await b.instance.stop();
    expect(await lockHolders(key)).toEqual([]);
  });

  it("stops leading the moment its lock connection is killed, and leads again on a new session", async () => {
    const key = lockKey();
    const task = countingTask();
    const a = worker({ tasks: [task], lockKey: key });
    await waitFor(() => a.instance.isLeader(), "leadership");
    const [pid] = await lockHolders(key);
    await db().$queryRawUnsafe("SELECT pg_terminate_backend($1::int)", pid);

    await waitFor(() => a.events("leader.lost").length > 0, "the loss to be noticed");
    await waitFor(() => a.events("leader.acquired").length === 2, "leadership on a new session");
    const holders = await lockHolders(key);
    expect(holders).toHaveLength(1);
    expect(holders[0]).not.toBe(pid);
  });

  it("stands by without crashing while Postgres is unreachable, logging the outage once", async () => {
    const task = countingTask();
    const w = worker({ tasks: [task], lockKey: lockKey(), connectionString: "postgresql://medanchor:x@127.0.0.1:1/medanchor" });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(w.instance.isLeader()).toBe(false);
    expect(task.runs).toBe(0);
    expect(w.events("leader.unavailable")).toHaveLength(1);
    expect(w.events("leader.unavailable")[0]!.fields).toMatchObject({ stage: "acquire", error: expect.stringMatching(/ECONNREFUSED/) });
    await w.instance.stop();
    expect(w.events("worker.stopped")[0]!.fields).toEqual({ released: false });
  });

  it("logs a failing task, backs off, and keeps running the other tasks", async () => {
    let attempts = 0;
    const failing: WorkerTask = {
      name: "always-fails",
      intervalMs: 30,
      run: async () => {
        attempts += 1;
        throw new Error("storage is down");
      },
    };
    const healthy = countingTask(30);
    const w = worker({ tasks: [failing, healthy], lockKey: lockKey(), maxBackoffMs: 120 });
    await waitFor(() => w.events("task.failed").length >= 3 && healthy.runs >= 5, "failures and healthy runs");

    const failures = w.events("task.failed").map((entry) => entry.fields);
    expect(failures[0]).toMatchObject({ task: "always-fails", failures: 1, retryInMs: 60, error: "Error: storage is down" });
    expect(failures[1]).toMatchObject({ failures: 2, retryInMs: 120 });
    expect(failures[2]).toMatchObject({ failures: 3, retryInMs: 120 });
    expect(failures.every((entry) => JSON.stringify(entry).length < 400)).toBe(true);
    expect(healthy.runs).toBeGreaterThan(attempts);
    expect(w.instance.isLeader()).toBe(true);
  });

  it("finishes the current task before stopping, then releases the lock", async () => {
    const key = lockKey();
    let finished = false;
    const slow: WorkerTask = {
      name: "slow",
      intervalMs: 60_000,
      run: async (signal) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        finished = true;
        return { aborted: signal.aborted };
      },
    };
    const w = worker({ tasks: [slow], lockKey: key });
    await waitFor(() => w.logs.some((entry) => entry.event === "leader.acquired"), "leadership");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await w.instance.stop();
    expect(finished).toBe(true);
    expect(w.logs.map((entry) => entry.event)).toEqual(["worker.started", "leader.acquired", "task.done", "worker.stopped"]);
    // The task was told to wind down, and still ran to its end.
    expect(w.logs[2]!.fields).toMatchObject({ task: "slow", aborted: true });
    expect(await lockHolders(key)).toEqual([]);
  });
});
