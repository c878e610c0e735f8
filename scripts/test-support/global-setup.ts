import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startStack, type Stack } from "../services/stack";

declare module "vitest" {
  export interface ProvidedContext {
    stackEnv: Record<string, string>;
    stackDataRoot: string;
  }
}

let stack: Stack | undefined;
let dataRoot: string | undefined;

/** Starts real Postgres, S3 server and anvil on free ports with throw-away data for the integration suite. */
export async function setup(project: TestProject) {
  dataRoot = await mkdtemp(path.join(tmpdir(), "medanchor-test-"));
  // Only what the developer did not point elsewhere is embedded; tests never reuse `.data/`.
  stack = await startStack({ dataRoot, ports: "free", source: {} });
  project.provide("stackEnv", { ...stack.env, NODE_ENV: "test" });
  project.provide("stackDataRoot", dataRoot);
}

export async function teardown() {
  await stack?.stop();
  if (dataRoot) await rm(dataRoot, { recursive: true, force: true });
}
