import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { ServiceStartError } from "./service-error";

export interface SupervisedChild {
  readonly child: ChildProcess;
  /** Why the process ended early, or undefined while it runs. */
  exitReason(): string | undefined;
  /** SIGTERM, then SIGKILL after a grace period; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns a service process. Services stay in our process group so a terminal Ctrl-C reaches them even
 * if this process dies first; `ownGroup` puts a process that forks its own workers (next) in a group of
 * its own, so that stop() can signal all of them at once.
 */
export function spawnService(component: string, command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; ownGroup?: boolean } = {}): SupervisedChild {
  if (command.includes("/") && !existsSync(command)) {
    throw new ServiceStartError(component, `binary not found at ${command} (run npm install)`);
  }
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], detached: options.ownGroup ?? false });
  let exitReason: string | undefined;
  let recentOutput = "";
  const remember = (chunk: Buffer) => {
    recentOutput = (recentOutput + chunk.toString()).slice(-2000);
  };
  child.stdout?.on("data", remember);
  child.stderr?.on("data", remember);
  child.on("error", (error) => {
    exitReason = error.message;
  });
  const exited = new Promise<void>((resolve) => {
    child.on("exit", (code, signal) => {
      const lastLine = recentOutput.trim().split("\n").pop() ?? "";
      exitReason ??= `exited (${signal ?? `code ${code}`})${lastLine ? `: ${lastLine}` : ""}`;
      resolve();
    });
  });
  return {
    child,
    exitReason: () => exitReason,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const signal = (name: NodeJS.Signals) => (options.ownGroup ? signalGroup(child, name) : child.kill(name));
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}
