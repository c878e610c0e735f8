/**
 * Where the single-machine install's services and keys are, for `npm run backup` and `npm run restore`:
 * the data root `.data/`, the dev stack's fixed ports, whatever the environment configures instead.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { EMBEDDED_DEV_DATABASE_URL } from "../../lib/env";
import type { Deployment } from "../chain/deploy";
import { EMBEDDED_CHAIN_ID } from "../services/chain";
import { assertPortFree } from "../services/net";
import { EMBEDDED_S3_CREDENTIALS } from "../services/s3";
import { DEV_PORTS } from "../services/stack";

export const DATA_ROOT = path.resolve(import.meta.dirname, "../../.data");

/** True while `npm run dev` (or anything else) holds the embedded Postgres port. */
export async function devStackRunning(): Promise<boolean> {
  return assertPortFree("postgres", DEV_PORTS.postgres).then(
    () => false,
    () => true,
  );
}

export function deploymentFile(dataRoot: string, chainId: string | number): string {
  return path.join(dataRoot, "chain", `deployment-${chainId}.json`);
}

export async function readDeployment(dataRoot: string, chainId: string | number): Promise<Deployment | undefined> {
  const file = deploymentFile(dataRoot, chainId);
  return existsSync(file) ? (JSON.parse(await readFile(file, "utf8")) as Deployment) : undefined;
}

/**
 * The environment of the running dev stack, as scripts/services/stack.ts composes it: the same fixed
 * ports, credentials and `.data/secrets` keys, each overridden by a variable the user set.
 */
export async function runningDevStackEnv(source: Record<string, string | undefined>): Promise<Record<string, string>> {
  const secret = async (name: string) => (await readFile(path.join(DATA_ROOT, "secrets", name), "utf8")).trim();
  const chainId = source.CHAIN_ID || String(EMBEDDED_CHAIN_ID);
  const contract = source.CONTRACT_ADDRESS || (await readDeployment(DATA_ROOT, chainId))?.address;
  if (!contract) throw new Error(`no contract recorded in ${deploymentFile(DATA_ROOT, chainId)}; set CONTRACT_ADDRESS`);
  return {
    DATABASE_URL: source.DATABASE_URL || EMBEDDED_DEV_DATABASE_URL,
    S3_ENDPOINT: source.S3_ENDPOINT || `http://127.0.0.1:${DEV_PORTS.s3}`,
    S3_REGION: source.S3_REGION || "us-east-1",
    S3_BUCKET: source.S3_BUCKET || "medanchor",
    S3_ACCESS_KEY_ID: source.S3_ACCESS_KEY_ID || EMBEDDED_S3_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: source.S3_SECRET_ACCESS_KEY || EMBEDDED_S3_CREDENTIALS.secretAccessKey,
    S3_FORCE_PATH_STYLE: source.S3_FORCE_PATH_STYLE || "true",
    CHAIN_RPC_URL: source.CHAIN_RPC_URL || `http://127.0.0.1:${DEV_PORTS.chain}`,
    CHAIN_ID: chainId,
    CONTRACT_ADDRESS: contract,
    ANCHOR_PRIVATE_KEY: source.ANCHOR_PRIVATE_KEY || (await secret("anchor-key")),
    AUTH_SECRET: source.AUTH_SECRET || (await secret("auth-secret")),
    DOCUMENT_MASTER_KEY: source.DOCUMENT_MASTER_KEY || (await secret("document-master-key")),
  };
}
