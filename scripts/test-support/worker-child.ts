/**
 * The real worker process (scripts/worker.ts, what `npm run worker` runs) as a child of a test or a
 * benchmark, with its JSON log lines kept in memory instead of printed: fault tests assert on them
 * (`task.failed`, `leader.lost`) and a crash at a failpoint is seen as the child's SIGKILL.
 */
import path from "node:path";
import { spawnService, type SupervisedChild } from "../services/child-process";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

export interface WorkerLogLine {
  level: string;
  event: string;
  [field: string]: unknown;
}

export interface WorkerChild {
  readonly pid: number | undefined;
  readonly logs: WorkerLogLine[];
  events(event: string): WorkerLogLine[];
  /** Resolves with how the process ended (a failpoint crash ends it with signal SIGKILL). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  /** SIGTERM (the current task finishes, the lock is released), SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<void>;
  /** The last lines of output, for a failing assertion's message. */
  tail(lines?: number): string;
}

export function startWorkerChild(env: Record<string, string>, options: { failpoint?: "after-sign" | "after-broadcast" | "before-confirm" } = {}): WorkerChild {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (options.failpoint) childEnv.MEDANCHOR_FAILPOINT = options.failpoint;
  else delete childEnv.MEDANCHOR_FAILPOINT;
  const service: SupervisedChild = spawnService("worker", process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(PROJECT_ROOT, "scripts/worker.ts")], { cwd: PROJECT_ROOT, env: childEnv });
  const logs: WorkerLogLine[] = [];
  const raw: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let buffered = "";
    stream?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.trim()) continue;
        raw.push(line);
        if (raw.length > 200) raw.shift();
        try {
          logs.push(JSON.parse(line) as WorkerLogLine);
        } catch {
          // Not one of the worker's JSON lines (a Node warning): kept in the tail only.
        }
      }
    });
  };
  collect(service.child.stdout);
  collect(service.child.stderr);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (service.child.exitCode !== null || service.child.signalCode !== null) resolve({ code: service.child.exitCode, signal: service.child.signalCode });
    else service.child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  return {
    pid: service.child.pid,
    logs,
    events: (event) => logs.filter((line) => line.event === event),
    exited,
    running: () => service.child.exitCode === null && service.child.signalCode === null,
    stop: (graceMs) => service.stop(graceMs),
    tail: (lines = 15) => raw.slice(-lines).join("\n"),
  };
}
