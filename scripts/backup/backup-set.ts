/**
 * A backup of a single-machine install, and its restore into a fresh stack:
 *
 *   <dir>/manifest.json       what is in it, with counts and SHA-256s (written last: no manifest, no backup)
 *   <dir>/postgres/*.ndjson   every table, one row a line, from one consistent snapshot
 *   <dir>/objects/<key>       every object of the bucket, as stored (encrypted)
 *   <dir>/chain-state.hex     anvil's state (anvil_dumpState)
 *   <dir>/keys.json           master key, anchoring key, auth secret (mode 0600): the data is useless without them
 *
 * Taken in that order while the app may be running: Postgres first, so every object and every
 * transaction its rows refer to is already there when the bucket and the chain are copied after it.
 * Rows still SENT in the snapshot find their receipt in the copied chain and are confirmed by the worker.
 */
import { existsSync } from "node:fs";
import { chmod, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Deployment } from "../chain/deploy";
import type { S3Settings } from "../services/bucket";
import { startStack, type Stack, type StackOptions } from "../services/stack";
import { copyBucketIn, copyBucketOut } from "./bucket-copy";
import { dumpChainState, loadChainState } from "./chain-state";
import { FORMAT, keysSchema, readManifest, sha256OfFile, writeManifest, type BackupKeys, type Manifest } from "./manifest";
import { dumpDatabase, restoreDatabase } from "./postgres-dump";

const CHAIN_FILE = "chain-state.hex";
const KEYS_FILE = "keys.json";
const SECRET_FILES = { ANCHOR_PRIVATE_KEY: "anchor-key", AUTH_SECRET: "auth-secret", DOCUMENT_MASTER_KEY: "document-master-key" } as const;

export interface BackupSummary {
  dir: string;
  tables: number;
  rows: number;
  objects: number;
  bytes: number;
  blockNumber: number;
  /** Seconds spent on each part (during a restore they run side by side). */
  seconds: { postgres: number; objects: number; chain: number };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, Math.round(performance.now() - started) / 1000];
}

function s3Settings(env: Record<string, string>): S3Settings {
  return { endpoint: env.S3_ENDPOINT!, region: env.S3_REGION || "us-east-1", bucket: env.S3_BUCKET || "medanchor", accessKeyId: env.S3_ACCESS_KEY_ID!, secretAccessKey: env.S3_SECRET_ACCESS_KEY!, forcePathStyle: env.S3_FORCE_PATH_STYLE !== "false" };
}

async function isEmptyDir(dir: string): Promise<boolean> {
  return !existsSync(dir) || (await readdir(dir)).length === 0;
}

/** Backs up the services `env` points at (a stack's env: DATABASE_URL, S3_*, CHAIN_*, keys) into `dir`, which must be new or empty. */
export async function createBackup(env: Record<string, string>, dir: string, options: { deployment?: Deployment } = {}): Promise<BackupSummary> {
  if (!(await isEmptyDir(dir))) throw new Error(`backup: ${dir} is not empty; give a new directory`);
  await mkdir(dir, { recursive: true });
  const createdAt = new Date().toISOString();
  const [postgres, postgresSeconds] = await timed(() => dumpDatabase(env.DATABASE_URL!, path.join(dir, "postgres")));
  const [objects, objectsSeconds] = await timed(() => copyBucketOut(s3Settings(env), path.join(dir, "objects")));
  const [chain, chainSeconds] = await timed(async () => {
    const dumped = await dumpChainState(env.CHAIN_RPC_URL!);
    await writeFile(path.join(dir, CHAIN_FILE), dumped.state);
    return dumped;
  });
  const keys: BackupKeys = keysSchema.parse({ DOCUMENT_MASTER_KEY: env.DOCUMENT_MASTER_KEY, ANCHOR_PRIVATE_KEY: env.ANCHOR_PRIVATE_KEY, AUTH_SECRET: env.AUTH_SECRET });
  await writeFile(path.join(dir, KEYS_FILE), `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  const bytes = objects.reduce((sum, o) => sum + o.size, 0);
  const manifest: Manifest = {
    format: FORMAT,
    createdAt,
    postgres,
    bucket: { name: s3Settings(env).bucket, objects, bytes },
    chain: { chainId: Number(env.CHAIN_ID), contract: env.CONTRACT_ADDRESS as `0x${string}`, blockNumber: chain.blockNumber, file: CHAIN_FILE, sha256: await sha256OfFile(path.join(dir, CHAIN_FILE)), ...(options.deployment ? { deployment: options.deployment } : {}) },
    keys: { file: KEYS_FILE, sha256: await sha256OfFile(path.join(dir, KEYS_FILE)) },
  };
  await writeManifest(dir, manifest);
  return {
    dir,
    tables: postgres.tables.length,
    rows: postgres.tables.reduce((sum, t) => sum + t.rows, 0),
    objects: objects.length,
    bytes,
    blockNumber: chain.blockNumber,
    seconds: { postgres: postgresSeconds, objects: objectsSeconds, chain: chainSeconds },
  };
}

async function readKeys(dir: string, manifest: Manifest): Promise<BackupKeys> {
  const file = path.join(dir, manifest.keys.file);
  if ((await sha256OfFile(file)) !== manifest.keys.sha256) throw new Error(`restore: ${manifest.keys.file} does not match the manifest`);
  return keysSchema.parse(JSON.parse(await readFile(file, "utf8")));
}

/**
 * Loads a backup into the services `env` points at: a fresh stack started with the backup's keys and
 * contract address (see startRestoredStack). Every file is checked against the manifest before it is
 * used; the database part is one transaction and refuses a database that already holds rows.
 */
export async function restoreBackup(env: Record<string, string>, dir: string): Promise<BackupSummary> {
  const manifest = await readManifest(dir);
  const keys = await readKeys(dir, manifest);
  for (const name of Object.keys(SECRET_FILES) as (keyof typeof SECRET_FILES)[]) {
    if (env[name] !== keys[name]) throw new Error(`restore: the target stack runs with another ${name} than the backup's; start it with the backup's keys`);
  }
  if (env.CONTRACT_ADDRESS?.toLowerCase() !== manifest.chain.contract.toLowerCase() || Number(env.CHAIN_ID) !== manifest.chain.chainId) {
    throw new Error(`restore: the target stack expects contract ${env.CONTRACT_ADDRESS} on chain ${env.CHAIN_ID}, the backup holds ${manifest.chain.contract} on chain ${manifest.chain.chainId}`);
  }
  const chainFile = path.join(dir, manifest.chain.file);
  if ((await sha256OfFile(chainFile)) !== manifest.chain.sha256) throw new Error(`restore: ${manifest.chain.file} does not match the manifest`);
  const [[blockNumber, chainSeconds], [, postgresSeconds], [, objectsSeconds]] = await Promise.all([
    timed(async () => loadChainState(env.CHAIN_RPC_URL!, (await readFile(chainFile, "utf8")).trim())),
    timed(() => restoreDatabase(env.DATABASE_URL!, path.join(dir, "postgres"), manifest.postgres)),
    timed(() => copyBucketIn(s3Settings(env), path.join(dir, "objects"), manifest.bucket.objects)),
  ]);
  if (blockNumber < manifest.chain.blockNumber) throw new Error(`restore: the chain is at block ${blockNumber} after loading, the backup was taken at ${manifest.chain.blockNumber}`);
  return {
    dir,
    tables: manifest.postgres.tables.length,
    rows: manifest.postgres.tables.reduce((sum, t) => sum + t.rows, 0),
    objects: manifest.bucket.objects.length,
    bytes: manifest.bucket.bytes,
    blockNumber,
    seconds: { postgres: postgresSeconds, objects: objectsSeconds, chain: chainSeconds },
  };
}

/** Writes a key where the stack's development secrets live, refusing to replace a different one. */
async function placeSecret(file: string, value: string): Promise<void> {
  if (existsSync(file)) {
    if ((await readFile(file, "utf8")).trim() !== value) throw new Error(`restore: ${file} holds another key; restore into a fresh data directory`);
    return;
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${value}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

/**
 * Starts a stack on `dataRoot` with the backup's keys and contract address (so nothing is deployed and
 * no new key is generated), loads the backup into it and returns it running. The keys and the contract's
 * deployment record are also written under `dataRoot`, so `npm run dev` later starts on the restored data.
 */
export async function startRestoredStack(options: Omit<StackOptions, "source"> & { source?: Record<string, string | undefined>; backupDir: string }): Promise<{ stack: Stack; summary: BackupSummary }> {
  const manifest = await readManifest(options.backupDir);
  const keys = await readKeys(options.backupDir, manifest);
  for (const [name, file] of Object.entries(SECRET_FILES)) await placeSecret(path.join(options.dataRoot, "secrets", file), keys[name as keyof BackupKeys]);
  const { chainId, contract } = manifest.chain;
  const deployment: Deployment = manifest.chain.deployment ?? { chainId, address: contract as `0x${string}`, txHash: `0x${"0".repeat(64)}`, blockNumber: "0", deployedAt: manifest.createdAt };
  const recordFile = path.join(options.dataRoot, "chain", `deployment-${chainId}.json`);
  await mkdir(path.dirname(recordFile), { recursive: true });
  await writeFile(recordFile, JSON.stringify(deployment, null, 2));
  const stack = await startStack({ ...options, source: { ...options.source, ...keys, CONTRACT_ADDRESS: contract, CHAIN_ID: String(chainId) } });
  try {
    return { stack, summary: await restoreBackup(stack.env, options.backupDir) };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
