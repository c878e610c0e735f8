/**
 * Named crash points in the anchor worker, for fault tests. A test arms one (in-process) and the worker
 * throws there, leaving the database exactly as a process killed at that instant would; a worker process
 * started with MEDANCHOR_FAILPOINT=<name> kills itself there with SIGKILL. Disarmed, they cost nothing.
 */
export type Failpoint = "after-sign" | "after-broadcast" | "before-confirm";

export class FailpointCrash extends Error {
  constructor(readonly point: Failpoint) {
    super(`failpoint ${point}`);
    this.name = "FailpointCrash";
  }
}

const armed = new Set<Failpoint>();

export function armFailpoint(point: Failpoint): void {
  armed.add(point);
}

export function disarmFailpoints(): void {
  armed.clear();
}

export function failpoint(point: Failpoint): void {
  if (process.env.MEDANCHOR_FAILPOINT === point) process.kill(process.pid, "SIGKILL");
  if (armed.delete(point)) throw new FailpointCrash(point);
}
