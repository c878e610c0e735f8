/** The parent side of opener.ts: a function that opens one upload for `email` with a declared size. */
import { fork } from "node:child_process";
import path from "node:path";
import type { BenchContext } from "../context";

export interface OpenerRequest {
  id: number;
  email: string;
  size: number;
}

export type OpenerReply = { id: number; ready: true } | { id: number; uploadId: string; documentId: string } | { id: number; error: string };

const OPENER = path.join(import.meta.dirname, "opener.ts");
const PROJECT_ROOT = path.resolve(import.meta.dirname, "../../..");

export type OpenUpload = (email: string, size: number) => Promise<{ uploadId: string; documentId: string }>;

export async function startUploadOpener(context: BenchContext, stackEnv: Record<string, string>): Promise<OpenUpload> {
  const child = fork(OPENER, [], {
    cwd: PROJECT_ROOT,
    execArgv: ["--conditions=react-server", "--import", "tsx"],
    env: { ...process.env, ...stackEnv, NODE_ENV: "development" },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  context.defer(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.disconnect();
    await exited;
  });

  const pending = new Map<number, { resolve(value: { uploadId: string; documentId: string }): void; reject(error: Error): void }>();
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((resolve, reject) => {
    ready = resolve;
    void exited.then(() => reject(new Error("upload opener exited before it was ready")));
  });
  child.on("message", (message: OpenerReply) => {
    if ("ready" in message) return ready();
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if ("error" in message) waiter?.reject(new Error(`openUpload failed: ${message.error}`));
    else waiter?.resolve(message);
  });
  void exited.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error("upload opener exited"));
  });
  await isReady;

  let nextId = 0;
  return (email, size) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, email, size } satisfies OpenerRequest);
    });
}
