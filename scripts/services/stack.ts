/**
 * Starts the services the app needs but the environment does not configure (embedded Postgres, S3
 * server, anvil), prepares them (migrations, bucket, contract) and returns the environment the app and
 * worker run with. Used by `npm run dev`, the test harness, Playwright and the benchmarks.
 */
import path from "node:path";
import { privateKeyToAccount } from "viem/accounts";
import { configuredServices } from "../../lib/env";
import { ensureContractDeployed, fundOnAnvil } from "../chain/deploy";
import { applyMigrations } from "../db/migrate";
import { ensureBucket } from "./bucket";
import { EMBEDDED_CHAIN_ID, startChain } from "./chain";
import { startMailCatcher } from "./mail-catcher";
import { findFreePort } from "./net";
import { startPostgres } from "./postgres";
import { EMBEDDED_S3_CREDENTIALS, startS3Server } from "./s3";
import { developmentSecret } from "./secrets";
import type { RunningService } from "./service-error";

export const DEV_PORTS = { postgres: 54329, s3: 4569, chain: 8545, smtp: 2525, inbox: 2580 } as const;

export interface StackOptions {
  /** Where embedded services keep their data: `.data` for dev, a temp dir for tests. */
  dataRoot: string;
  /** Fixed, documented ports for dev; free ports for isolated test and benchmark stacks. */
  ports: "dev" | "free";
  /** The environment given by the user; whatever it configures is used instead of an embedded service. */
  source: Record<string, string | undefined>;
  blockTimeSeconds?: number;
  onServiceReady?: (component: string, url: string, embedded: boolean) => void;
}

export interface Stack {
  /** Variables to hand to the app and worker processes. */
  env: Record<string, string>;
  embedded: Record<"postgres" | "s3" | "chain" | "mail", RunningService | undefined>;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const { dataRoot, source } = options;
  const configured = configuredServices(source);
  const port = async (component: keyof typeof DEV_PORTS) => (options.ports === "dev" ? DEV_PORTS[component] : findFreePort());
  const env: Record<string, string> = {};
  const embedded: Stack["embedded"] = { postgres: undefined, s3: undefined, chain: undefined, mail: undefined };
  const stopAll = async () => {
    await Promise.allSettled(Object.values(embedded).filter(Boolean).map((s) => s!.stop()));
  };

  try {
    await Promise.all([
      (async () => {
        if (configured.postgres) return;
        embedded.postgres = await startPostgres({ dataDir: path.join(dataRoot, "postgres"), port: await port("postgres") });
      })(),
      (async () => {
        if (configured.s3) return;
        embedded.s3 = await startS3Server({ dataDir: path.join(dataRoot, "s3"), port: await port("s3") });
      })(),
      (async () => {
        if (configured.chain) return;
        embedded.chain = await startChain({ dataDir: path.join(dataRoot, "chain"), port: await port("chain"), blockTimeSeconds: options.blockTimeSeconds });
      })(),
      (async () => {
        if (configured.mail) return;
        const catcher = await startMailCatcher({ dataDir: path.join(dataRoot, "mail"), smtpPort: await port("smtp"), httpPort: await port("inbox") });
        embedded.mail = catcher;
        env.DEV_INBOX_URL = catcher.inboxUrl;
      })(),
    ]);

    env.DATABASE_URL = source.DATABASE_URL ?? embedded.postgres!.url;
    options.onServiceReady?.("postgres", redactCredentials(env.DATABASE_URL), !configured.postgres);
    await applyMigrations(env.DATABASE_URL);

    env.S3_ENDPOINT = source.S3_ENDPOINT ?? embedded.s3!.url;
    env.S3_REGION = source.S3_REGION || "us-east-1";
    env.S3_BUCKET = source.S3_BUCKET || "medanchor";
    env.S3_ACCESS_KEY_ID = source.S3_ACCESS_KEY_ID ?? (configured.s3 ? "" : EMBEDDED_S3_CREDENTIALS.accessKeyId);
    env.S3_SECRET_ACCESS_KEY = source.S3_SECRET_ACCESS_KEY ?? (configured.s3 ? "" : EMBEDDED_S3_CREDENTIALS.secretAccessKey);
    env.S3_FORCE_PATH_STYLE = source.S3_FORCE_PATH_STYLE || "true";
    await ensureBucket({
      endpoint: env.S3_ENDPOINT,
      region: env.S3_REGION,
      bucket: env.S3_BUCKET,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.S3_FORCE_PATH_STYLE === "true",
    });
    options.onServiceReady?.("s3", `${env.S3_ENDPOINT}/${env.S3_BUCKET}`, !configured.s3);

    env.CHAIN_RPC_URL = source.CHAIN_RPC_URL ?? embedded.chain!.url;
    env.CHAIN_ID = source.CHAIN_ID || String(EMBEDDED_CHAIN_ID);
    env.ANCHOR_PRIVATE_KEY = source.ANCHOR_PRIVATE_KEY || (await developmentSecret(path.join(dataRoot, "secrets", "anchor-key")));
    if (!configured.chain) await fundOnAnvil(env.CHAIN_RPC_URL, privateKeyToAccount(env.ANCHOR_PRIVATE_KEY as `0x${string}`).address);
    env.CONTRACT_ADDRESS =
      source.CONTRACT_ADDRESS ||
      (
        await ensureContractDeployed({
          rpcUrl: env.CHAIN_RPC_URL,
          chainId: Number(env.CHAIN_ID),
          privateKey: env.ANCHOR_PRIVATE_KEY as `0x${string}`,
          recordFile: path.join(dataRoot, "chain", `deployment-${env.CHAIN_ID}.json`),
        })
      ).address;
    options.onServiceReady?.("chain", `${env.CHAIN_RPC_URL} (chain ${env.CHAIN_ID}, contract ${env.CONTRACT_ADDRESS})`, !configured.chain);

    // Mail: the worker sends through the catcher unless SMTP_URL points elsewhere (lib/env.ts parseMailEnv).
    env.SMTP_URL = source.SMTP_URL ?? embedded.mail!.url;
    env.MAIL_FROM = source.MAIL_FROM || "MedAnchor <no-reply@medanchor.localhost>";
    env.APP_URL = source.APP_URL || `http://localhost:${source.PORT || 3000}`;
    options.onServiceReady?.("mail", configured.mail ? env.SMTP_URL.replace(/\/\/[^@/]*@/, "//***@") : `${env.SMTP_URL} (inbox at /dev/inbox)`, !configured.mail);

    // This machine runs Node 20; the AWS SDK's notice about its future Node 22 requirement is noise in every log.
    env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
    // On a developer machine and in tests nothing sits in front of the app; Next.js fills X-Forwarded-For
    // with the socket address itself, which is good enough to exercise the per-IP limit locally.
    env.TRUSTED_PROXY_HOPS = source.TRUSTED_PROXY_HOPS || "1";
    env.AUTH_SECRET = source.AUTH_SECRET || (await developmentSecret(path.join(dataRoot, "secrets", "auth-secret")));
    env.DOCUMENT_MASTER_KEY = source.DOCUMENT_MASTER_KEY || (await developmentSecret(path.join(dataRoot, "secrets", "document-master-key")));
    // Production requires it (lib/env.ts); `next start` here runs in production mode. Next.js wants base64.
    env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY =
      source.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY || Buffer.from((await developmentSecret(path.join(dataRoot, "secrets", "server-actions-key"))).slice(2), "hex").toString("base64");
    return { env, embedded, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function redactCredentials(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
}
