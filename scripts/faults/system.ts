/**
 * The system under fault: an isolated stack (embedded Postgres, S3 server, anvil on free ports, temp
 * data), the app server and the worker as separate processes, each of which a fault can kill, stop or
 * restart on the same port and data directory, as an operator's supervisor would.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DemoLogin } from "../../prisma/seed";
import { appServerMode, demoLoginsFile, type AppMode } from "../bench/isolated-app";
import { startAppServer } from "../services/app-server";
import { startChain } from "../services/chain";
import type { SupervisedChild } from "../services/child-process";
import { findFreePort } from "../services/net";
import { startPostgres } from "../services/postgres";
import { startS3Server } from "../services/s3";
import { seedDemo } from "../services/seed-demo";
import type { RunningService } from "../services/service-error";
import { startStack } from "../services/stack";
import { startWorkerChild, type WorkerChild } from "../test-support/worker-child";
import type { Failpoint } from "../../lib/anchors/failpoints";

const portOf = (url: string) => Number(new URL(url.replace(/^postgresql:/, "http:")).port);

export class FaultSystem {
  private app!: SupervisedChild;
  worker: WorkerChild | undefined;
  private constructor(
    readonly dataRoot: string,
    readonly env: Record<string, string>,
    readonly logins: DemoLogin[],
    readonly url: string,
    readonly appMode: AppMode,
    private readonly services: Record<"postgres" | "s3" | "chain", RunningService | undefined>,
  ) {}

  static async start(log: (line: string) => void): Promise<FaultSystem> {
    const dataRoot = await mkdtemp(path.join(tmpdir(), "medanchor-fault-suite-"));
    // An empty source embeds every service: faults must never touch a configured database.
    const stack = await startStack({ dataRoot, ports: "free", source: {} });
    const logins = await seedDemo(stack.env, demoLoginsFile(dataRoot));
    const port = await findFreePort();
    const system = new FaultSystem(dataRoot, stack.env, logins, `http://127.0.0.1:${port}`, appServerMode(), { ...stack.embedded });
    log(`fault suite: stack in ${dataRoot}; app: next ${system.appMode}${system.appMode === "dev" ? " (no .next/BUILD_ID: run npm run build to test what production runs)" : ""}`);
    try {
      await system.startApp();
    } catch (error) {
      await system.stop();
      throw error;
    }
    system.startWorker();
    return system;
  }

  get s3DataDir(): string {
    return path.join(this.dataRoot, "s3");
  }

  async startApp(): Promise<void> {
    this.app = (await startAppServer({ mode: this.appMode, port: portOf(this.url), env: this.env })).process;
  }

  /** kill -9 of the whole process group (next start forks a next-server child that holds the port). */
  async killApp(): Promise<void> {
    const pid = this.app.child.pid;
    if (pid) process.kill(-pid, "SIGKILL");
    await new Promise<void>((resolve) => (this.app.child.exitCode !== null || this.app.child.signalCode !== null ? resolve() : this.app.child.once("exit", () => resolve())));
  }

  startWorker(failpoint?: Failpoint): WorkerChild {
    this.worker = startWorkerChild(this.env, { failpoint });
    return this.worker;
  }

  async stopWorker(): Promise<void> {
    await this.worker?.stop();
    this.worker = undefined;
  }

  async stopService(name: "postgres" | "s3" | "chain"): Promise<void> {
    await this.services[name]?.stop();
    this.services[name] = undefined;
  }

  /** Same port, same data: what survives is what the service itself persisted. */
  async startService(name: "postgres" | "s3" | "chain", dataDir = path.join(this.dataRoot, name)): Promise<void> {
    if (name === "postgres") this.services.postgres = await startPostgres({ dataDir, port: portOf(this.env.DATABASE_URL!) });
    if (name === "s3") this.services.s3 = await startS3Server({ dataDir, port: portOf(this.env.S3_ENDPOINT!) });
    if (name === "chain") this.services.chain = await startChain({ dataDir, port: portOf(this.env.CHAIN_RPC_URL!) });
  }

  async stop(): Promise<void> {
    await this.worker?.stop();
    await this.app?.stop();
    await Promise.allSettled(Object.values(this.services).map((service) => service?.stop()));
    await rm(this.dataRoot, { recursive: true, force: true });
  }
}
