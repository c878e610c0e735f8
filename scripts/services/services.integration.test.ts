/**
 * The embedded services on their own (not the suite's stack): a taken port is reported by component,
 * and data survives a stop and a start on the same data directory.
 */
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import { createPublicClient, createWalletClient, http, type Address } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { medAnchorAbi, medAnchorBytecode } from "@/lib/chain/generated/med-anchor-artifact";
import { fundOnAnvil } from "../chain/deploy";
import { startChain } from "./chain";
import { findFreePort } from "./net";
import { startPostgres } from "./postgres";
import { EMBEDDED_S3_CREDENTIALS, startS3Server } from "./s3";
import { ServiceStartError, type RunningService } from "./service-error";

const TIMEOUT_MS = 60_000;

let dataRoot: string;
const running = new Set<RunningService>();

/** Starts a service and remembers it, so a failing test still leaves no process behind. */
async function track(start: Promise<RunningService>): Promise<RunningService> {
  const service = await start;
  running.add(service);
  return service;
}

async function stop(service: RunningService): Promise<void> {
  await service.stop();
  running.delete(service);
}

beforeAll(async () => {
  dataRoot = await mkdtemp(path.join(os.tmpdir(), "medanchor-services-"));
});

afterAll(async () => {
  await Promise.allSettled([...running].map((service) => service.stop()));
  await rm(dataRoot, { recursive: true, force: true });
});

describe("a port that is already in use", () => {
  let holder: net.Server;
  let port: number;

  beforeAll(async () => {
    port = await findFreePort();
    holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(port, "127.0.0.1", resolve));
  });

  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  const starters = {
    postgres: () => startPostgres({ dataDir: path.join(dataRoot, "taken-port-postgres"), port }),
    s3: () => startS3Server({ dataDir: path.join(dataRoot, "taken-port-s3"), port }),
    chain: () => startChain({ dataDir: path.join(dataRoot, "taken-port-chain"), port }),
  };

  it.each(Object.entries(starters))("makes %s fail with a ServiceStartError naming the component and the port", async (component, start) => {
    const error = await start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServiceStartError);
    expect((error as ServiceStartError).component).toBe(component);
    expect((error as Error).message).toMatch(new RegExp(`^${component}: port ${port} is already in use`));
  });
});

describe("embedded Postgres", () => {
  it(
    "keeps a committed row across a restart on the same data directory",
    async () => {
      const options = { dataDir: path.join(dataRoot, "postgres-restart"), port: await findFreePort() };
      const first = await track(startPostgres(options));
      await withClient(first.url, async (client) => {
        await client.query("CREATE TABLE survivors (name text PRIMARY KEY)");
        await client.query("INSERT INTO survivors VALUES ('before restart')");
      });
      await stop(first);

      const second = await track(startPostgres(options));
      const { rows } = await withClient(second.url, (client) => client.query("SELECT name FROM survivors"));
      expect(rows).toEqual([{ name: "before restart" }]);
      await stop(second);
    },
    TIMEOUT_MS,
  );

  it(
    "supports the btree_gist exclusion constraint that makes double booking impossible",
    async () => {
      const service = await track(startPostgres({ dataDir: path.join(dataRoot, "postgres-gist"), port: await findFreePort() }));
      await withClient(service.url, async (client) => {
        await client.query("CREATE EXTENSION IF NOT EXISTS btree_gist");
        await client.query(`CREATE TABLE bookings (
          doctor_id int NOT NULL, starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL,
          EXCLUDE USING gist (doctor_id WITH =, tstzrange(starts_at, ends_at) WITH &&))`);
        const book = (doctor: number, startsAt: string, endsAt: string) => client.query("INSERT INTO bookings VALUES ($1, $2, $3)", [doctor, startsAt, endsAt]);

        await book(1, "2027-01-04T10:00Z", "2027-01-04T10:30Z");
        // Ranges are half-open, so the next slot may start exactly when the previous one ends.
        await book(1, "2027-01-04T10:30Z", "2027-01-04T11:00Z");
        // Another doctor may overlap freely.
        await book(2, "2027-01-04T10:15Z", "2027-01-04T10:45Z");
        await expect(book(1, "2027-01-04T10:15Z", "2027-01-04T10:45Z")).rejects.toMatchObject({ code: "23P01" });
        const { rows } = await client.query("SELECT count(*)::int AS n FROM bookings");
        expect(rows[0]).toEqual({ n: 3 });
      });
      await stop(service);
    },
    TIMEOUT_MS,
  );
});

describe("embedded S3 server", () => {
  it(
    "keeps an object across a restart on the same data directory",
    async () => {
      const options = { dataDir: path.join(dataRoot, "s3-restart"), port: await findFreePort() };
      const first = await track(startS3Server(options));
      await withS3(first.url, async (s3) => {
        await s3.send(new CreateBucketCommand({ Bucket: "restart-test" }));
        await s3.send(new PutObjectCommand({ Bucket: "restart-test", Key: "kept.txt", Body: "survives a restart" }));
      });
      await stop(first);

      const second = await track(startS3Server(options));
      const body = await withS3(second.url, async (s3) => {
        const object = await s3.send(new GetObjectCommand({ Bucket: "restart-test", Key: "kept.txt" }));
        return object.Body!.transformToString();
      });
      expect(body).toBe("survives a restart");
      await stop(second);
    },
    TIMEOUT_MS,
  );
});

describe("embedded anvil", () => {
  it(
    "keeps the block height and deployed code across a restart (state dumped on SIGTERM)",
    async () => {
      const options = { dataDir: path.join(dataRoot, "chain-restart"), port: await findFreePort() };
      const first = await track(startChain(options));
      await rpc(first.url, "anvil_mine", ["0x5"]);
      const address = await deployMedAnchor(first.url);
      const chainBefore = createPublicClient({ chain: foundry, transport: http(first.url), pollingInterval: 100 });
      const heightBefore = await chainBefore.getBlockNumber();
      const codeBefore = await chainBefore.getCode({ address });
      expect(heightBefore).toBeGreaterThanOrEqual(6n);
      expect(codeBefore).toMatch(/^0x[0-9a-f]{100,}$/);
      await stop(first);

      const second = await track(startChain(options));
      const chainAfter = createPublicClient({ chain: foundry, transport: http(second.url), pollingInterval: 100 });
      expect(await chainAfter.getBlockNumber()).toBeGreaterThanOrEqual(heightBefore);
      expect(await chainAfter.getCode({ address })).toBe(codeBefore);
      await stop(second);
    },
    TIMEOUT_MS,
  );
});

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function withS3<T>(endpoint: string, work: (s3: S3Client) => Promise<T>): Promise<T> {
  const s3 = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: EMBEDDED_S3_CREDENTIALS,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  try {
    return await work(s3);
  } finally {
    s3.destroy();
  }
}

async function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

async function deployMedAnchor(rpcUrl: string): Promise<Address> {
  const account = privateKeyToAccount(generatePrivateKey());
  await fundOnAnvil(rpcUrl, account.address);
  const wallet = createWalletClient({ account, chain: foundry, transport: http(rpcUrl), pollingInterval: 100 });
  const publicClient = createPublicClient({ chain: foundry, transport: http(rpcUrl), pollingInterval: 100 });
  const hash = await wallet.deployContract({ abi: medAnchorAbi, bytecode: medAnchorBytecode, args: [account.address, account.address] });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  return receipt.contractAddress!;
}
