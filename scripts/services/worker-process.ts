import path from "node:path";
import { spawnService, type SupervisedChild } from "./child-process";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Runs scripts/worker.ts (what `npm run worker` runs) as a child with the stack's environment; its
 * one-line JSON logs go to this process's output.
 */
export function startWorkerProcess(env: Record<string, string>): SupervisedChild {
  const child = spawnService("worker", process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(PROJECT_ROOT, "scripts/worker.ts")], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
  });
  child.child.stdout?.pipe(process.stdout);
  child.child.stderr?.pipe(process.stderr);
  return child;
}
