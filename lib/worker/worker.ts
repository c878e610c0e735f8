import "server-only";
import { hostname } from "node:os";
import { LeaderLock } from "./leader-lock";
import { describeError, type WorkerLogger } from "./log";

/**
 * One periodic job of the worker. `run` should be idempotent and safe to repeat after a crash: the
 * worker runs it again on its next turn after any error, and leadership can change between two runs.
 */
export interface WorkerTask {
  /** kebab-case; appears in every log line about the task. */
  name: string;
  /** Pause between the end of one run and the start of the next. */
  intervalMs: number;
  /**
   * Aborted when the worker is asked to stop or loses leadership. The worker still waits for `run` to
   * return: a task that works in steps (batches, transactions) should finish the current step and return.
   */
  run(signal: AbortSignal): Promise<Record<string, unknown> | void>;
}

export interface WorkerOptions {
  tasks: readonly WorkerTask[];
  connectionString: string;
  log: WorkerLogger;
  /** Defaults to WORKER_LOCK_KEY; tests use their own so they never compete with another worker. */
  lockKey?: bigint;
  /** How often a standby instance tries to become leader. */
  leaderRetryMs?: number;
  /** Longest pause after repeated failures of one task. */
  maxBackoffMs?: number;
}

export interface RunningWorker {
  isLeader(): boolean;
  /** Lets the current task finish, releases leadership and resolves; safe to call more than once. */
  stop(): Promise<void>;
  /** Resolves when the loop has ended (after stop), rejects only on a bug in the loop itself. */
  readonly done: Promise<void>;
}

/** A standby instance retries this often; a crashed leader's lock is free as soon as Postgres sees its session end. */
export const LEADER_RETRY_MS = 5_000;
export const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * The worker: a single loop that, while this instance leads (see LeaderLock), runs each task when it is
 * due, one at a time. A failing task is logged and retried after a growing pause (its interval doubled
 * per consecutive failure, up to maxBackoffMs, never less than its interval), and never stops the others.
 * Tasks start right after leadership is won, so a new leader catches up on whatever the old one left.
 */
export function startWorker(options: WorkerOptions): RunningWorker {
  const { tasks, log } = options;
  const leaderRetryMs = options.leaderRetryMs ?? LEADER_RETRY_MS;
  const maxBackoffMs = options.maxBackoffMs ?? MAX_BACKOFF_MS;
  let stopping = false;
  let current: AbortController | undefined;
  const wakeup = new Wakeup();
  const lock = new LeaderLock({
    connectionString: options.connectionString,
    key: options.lockKey,
    log,
    onLost: () => {
      current?.abort(new Error("leadership lost"));
      wakeup.wake();
    },
  });

  async function loop(): Promise<void> {
    const nextRun = new Map<string, number>();
    const failures = new Map<string, number>();
    let standbyLogged = false;
    log("info", "worker.started", { tasks: tasks.map((t) => t.name), host: hostname(), pid: process.pid });
    while (!stopping) {
      if (!lock.held) {
        if (await lock.tryAcquire()) {
          log("info", "leader.acquired");
          standbyLogged = false;
          for (const task of tasks) nextRun.set(task.name, Date.now());
        } else {
          if (!standbyLogged) log("info", "leader.standby", { retryMs: leaderRetryMs });
          standbyLogged = true;
          await wakeup.sleep(leaderRetryMs);
          continue;
        }
      }
      const task = tasks.reduce<WorkerTask | undefined>((soonest, t) => (!soonest || nextRun.get(t.name)! < nextRun.get(soonest.name)! ? t : soonest), undefined);
      if (!task) {
        await wakeup.sleep(leaderRetryMs);
        continue;
      }
      const wait = nextRun.get(task.name)! - Date.now();
      if (wait > 0) {
        await wakeup.sleep(wait);
        continue;
      }
      if (!(await lock.confirm())) continue;
      const controller = new AbortController();
      current = controller;
      const started = Date.now();
      try {
        const summary = await task.run(controller.signal);
        failures.delete(task.name);
        nextRun.set(task.name, Date.now() + task.intervalMs);
        // Frequent tasks mostly find nothing to do; only runs that did something are worth a line.
        if (!summary || Object.values(summary).some((value) => value !== 0)) log("info", "task.done", { task: task.name, ms: Date.now() - started, ...(summary ?? {}) });
      } catch (error) {
        const failed = (failures.get(task.name) ?? 0) + 1;
        failures.set(task.name, failed);
        const backoffMs = Math.max(task.intervalMs, Math.min(task.intervalMs * 2 ** failed, maxBackoffMs));
        nextRun.set(task.name, Date.now() + backoffMs);
        log("error", "task.failed", { task: task.name, ms: Date.now() - started, failures: failed, retryInMs: backoffMs, error: describeError(error) });
      } finally {
        current = undefined;
      }
    }
    const wasLeader = lock.held;
    await lock.release();
    log("info", "worker.stopped", { released: wasLeader });
  }

  const done = loop();
  return {
    isLeader: () => lock.held,
    async stop() {
      stopping = true;
      current?.abort(new Error("worker stopping"));
      wakeup.wake();
      await done;
    },
    done,
  };
}

/** A sleep that stop() or a lost lock can cut short; a wake while awake cuts the next sleep short instead. */
class Wakeup {
  private wakeCurrent: (() => void) | undefined;
  private pending = false;

  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeCurrent = finish;
    });
  }

  wake(): void {
    const wake = this.wakeCurrent;
    this.wakeCurrent = undefined;
    if (wake) wake();
    else this.pending = true;
  }
}
