import { createRequire } from "node:module";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { spawnService } from "./child-process";
import { assertPortFree, waitUntilReady } from "./net";
import type { RunningService } from "./service-error";

const COMPONENT = "s3";
const require = createRequire(import.meta.url);

/** The fixed credentials s3rver accepts; it is a local development server, so they are not secrets. */
export const EMBEDDED_S3_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export interface S3ServerOptions {
  dataDir: string;
  port: number;
}

/**
 * An S3-compatible server from npm (`s3rver`), in its own process so it can be stopped and restarted
 * independently of the app. It checks neither checksums nor If-None-Match: the app never relies on it for integrity.
 */
export async function startS3Server({ dataDir, port }: S3ServerOptions): Promise<RunningService> {
  await assertPortFree(COMPONENT, port);
  await mkdir(dataDir, { recursive: true });
  const binary = path.join(path.dirname(require.resolve("s3rver/package.json")), "bin", "s3rver.js");
  const service = spawnService(COMPONENT, process.execPath, [binary, "--directory", path.resolve(dataDir), "--address", "127.0.0.1", "--port", String(port), "--silent", "--no-vhost-buckets"]);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(COMPONENT, async () => (await fetch(url)).status < 500, { failure: service.exitReason });
  } catch (error) {
    await service.stop();
    throw error;
  }
  return { component: COMPONENT, url, stop: () => service.stop() };
}
