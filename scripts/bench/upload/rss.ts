/** Resident memory and CPU time of the process listening on a TCP port (Linux: `ss -ltnp` and /proc/<pid>/). */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function pidListeningOn(port: number): Promise<number> {
  const { stdout } = await run("ss", ["-ltnpH", `sport = :${port}`]);
  const pid = /pid=(\d+)/.exec(stdout)?.[1];
  if (!pid) throw new Error(`no process found listening on port ${port} (ss -ltnp)`);
  return Number(pid);
}

export async function processName(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/comm`, "utf8")).trim();
}

export async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (!kib) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kib) * 1024;
}

/** Samples `pid`'s RSS every `intervalMs` until stopped; returns the peak seen. */
export function sampleRss(pid: number, intervalMs = 100): { stop(): Promise<number> } {
  let peak = 0;
  const sample = async () => {
    peak = Math.max(peak, await rssBytes(pid));
  };
  const timer = setInterval(() => void sample().catch(() => undefined), intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      return peak;
    },
  };
}

let ticksPerSecond: Promise<number> | undefined;

/** CPU time (user + system) `pid` has used so far, in seconds: fields 14 and 15 of /proc/<pid>/stat, in clock ticks. */
export async function cpuSeconds(pid: number): Promise<number> {
  ticksPerSecond ??= run("getconf", ["CLK_TCK"]).then(({ stdout }) => Number(stdout.trim()));
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may contain spaces: count the fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / (await ticksPerSecond);
}
