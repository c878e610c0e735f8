/**
 * Kill a dependency, health names it; bring it back on the same port and data, health recovers without
 * restarting the app. Uses its own services (not the suite's stack) because it stops them.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ensureContractDeployed, fundOnAnvil } from "@/scripts/chain/deploy";
import { applyMigrations } from "@/scripts/db/migrate";
import { ensureBucket } from "@/scripts/services/bucket";
import { startChain } from "@/scripts/services/chain";
import { findFreePort } from "@/scripts/services/net";
import { startPostgres } from "@/scripts/services/postgres";
import { EMBEDDED_S3_CREDENTIALS, startS3Server } from "@/scripts/services/s3";
import type { RunningService } from "@/scripts/services/service-error";
import type { HealthReport, checkHealth as CheckHealth } from "./check-health";

type Component = "postgres" | "s3" | "chain";

let dataRoot: string;
let ports: Record<Component, number>;
const services: Partial<Record<Component, RunningService>> = {};
let checkHealth: typeof CheckHealth;

const starters: Record<Component, () => Promise<RunningService>> = {
  postgres: () => startPostgres({ dataDir: path.join(dataRoot, "postgres"), port: ports.postgres }),
  s3: () => startS3Server({ dataDir: path.join(dataRoot, "s3"), port: ports.s3 }),
  chain: () => startChain({ dataDir: path.join(dataRoot, "chain"), port: ports.chain }),
};

async function start(component: Component): Promise<RunningService> {
  services[component] = await starters[component]();
  return services[component];
}

async function stop(component: Component): Promise<void> {
  await services[component]?.stop();
  delete services[component];
}

beforeAll(async () => {
  dataRoot = await mkdtemp(path.join(os.tmpdir(), "medanchor-health-"));
  ports = { postgres: await findFreePort(), s3: await findFreePort(), chain: await findFreePort() };
  const [postgres, s3, chain] = await Promise.all([start("postgres"), start("s3"), start("chain")]);

  await applyMigrations(postgres.url);
  const bucket = "health-test";
  await ensureBucket({ endpoint: s3.url, region: "us-east-1", bucket, ...EMBEDDED_S3_CREDENTIALS, forcePathStyle: true });
  const anchorKey = generatePrivateKey();
  await fundOnAnvil(chain.url, privateKeyToAccount(anchorKey).address);
  const deployment = await ensureContractDeployed({ rpcUrl: chain.url, chainId: 31337, privateKey: anchorKey, recordFile: path.join(dataRoot, "deployment.json") });

  // The setup file pointed process.env at the suite's stack; lib/env caches on first read, so this
  // override must happen before check-health (and with it lib/env) is imported.
  Object.assign(process.env, {
    DATABASE_URL: postgres.url,
    S3_ENDPOINT: s3.url,
    S3_REGION: "us-east-1",
    S3_BUCKET: bucket,
    S3_ACCESS_KEY_ID: EMBEDDED_S3_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: EMBEDDED_S3_CREDENTIALS.secretAccessKey,
    S3_FORCE_PATH_STYLE: "true",
    CHAIN_RPC_URL: chain.url,
    CHAIN_ID: "31337",
    CONTRACT_ADDRESS: deployment.address,
    ANCHOR_PRIVATE_KEY: anchorKey,
    AUTH_SECRET: generatePrivateKey(),
  });
  ({ checkHealth } = await import("./check-health"));
}, 120_000);

afterAll(async () => {
  await Promise.allSettled((Object.keys(services) as Component[]).map(stop));
  await rm(dataRoot, { recursive: true, force: true });
});

describe("checkHealth against dependencies that go away and come back", () => {
  it("reports ok with every component up and the contract deployed", async () => {
    const report = await checkHealth();
    expect(report).toMatchObject({ status: "ok", down: [], db: { status: "up" }, storage: { status: "up" }, chain: { status: "up", chainId: 31337, contractCodePresent: true } });
  });

  const cases = [
    { component: "s3", reported: "storage", detail: (report: HealthReport) => report.storage },
    { component: "postgres", reported: "db", detail: (report: HealthReport) => report.db },
    { component: "chain", reported: "chain", detail: (report: HealthReport) => report.chain },
  ] as const;

  const reasonsWhileDown: Record<string, string | undefined> = {};

  it.each(cases)("names $reported when $component stops, and recovers when it restarts on the same port and data", async ({ component, reported, detail }) => {
    await stop(component);
    try {
      const whileDown = await checkHealth();
      expect(whileDown.status).toBe("degraded");
      expect(whileDown.down).toEqual([reported]);
      const reportedDown = detail(whileDown);
      expect(reportedDown).toMatchObject({ status: "down", error: expect.any(String) });
      // Reasons go to operators: never a connection string (with its password) in them.
      expect(JSON.stringify(whileDown)).not.toMatch(/postgresql:\/\/|medanchor:medanchor/);
      reasonsWhileDown[reported] = "error" in reportedDown ? reportedDown.error : undefined;
    } finally {
      await start(component);
    }

    const recovered = await checkHealth();
    expect(recovered.down).toEqual([]);
    expect(recovered.status).toBe("ok");
    expect(detail(recovered).status).toBe("up");
  });

  it.each(["storage", "chain", "db"])("said why %s was down", (reported) => {
    expect(reasonsWhileDown[reported]).toMatch(/\S/);
  });

  it("names the cause for the database, not Prisma's header line", () => {
    expect(reasonsWhileDown.db).not.toMatch(/^Invalid/);
  });

  it("reports the chain down when the configured address holds no contract code", async () => {
    // lib/env caches the environment: a fresh module graph is the only way to read a changed address.
    vi.resetModules();
    process.env.CONTRACT_ADDRESS = privateKeyToAccount(generatePrivateKey()).address;
    const { checkHealth: checkWithEmptyAddress } = await import("./check-health");

    const report = await checkWithEmptyAddress();
    expect(report.down).toEqual(["chain"]);
    expect(report.chain).toMatchObject({ status: "down", contractCodePresent: false, contractAddress: process.env.CONTRACT_ADDRESS, error: "no contract code at the configured address" });
    expect(report.chain.blockNumber).not.toBeNull();
  });
});
