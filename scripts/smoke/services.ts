/**
 * The smoke test's backing services, each started on its own like an operator's Postgres, S3 and chain
 * node would be (not through startStack, which also fills in the app's variables): embedded Postgres,
 * the S3 server and anvil on free ports under a temp data root. Then the operator's first-start steps:
 * migrate, create the bucket, fund a fresh deployer key and deploy the contract. What comes back is
 * only what an operator would write into the environment.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { privateKeyToAccount } from "viem/accounts";
import { deployContract, fundOnAnvil } from "../chain/deploy";
import { applyMigrations } from "../db/migrate";
import { ensureBucket } from "../services/bucket";
import { EMBEDDED_CHAIN_ID, startChain } from "../services/chain";
import { startMailCatcher } from "../services/mail-catcher";
import { findFreePort } from "../services/net";
import { startPostgres } from "../services/postgres";
import { EMBEDDED_S3_CREDENTIALS, startS3Server } from "../services/s3";
import type { RunningService } from "../services/service-error";

export interface ServiceEndpoints {
  DATABASE_URL: string;
  S3_ENDPOINT: string;
  S3_BUCKET: string;
  S3_ACCESS_KEY_ID: string;
  S3_SECRET_ACCESS_KEY: string;
  CHAIN_RPC_URL: string;
  CHAIN_ID: string;
  CONTRACT_ADDRESS: string;
  ANCHOR_PRIVATE_KEY: string;
  SMTP_URL: string;
}

export interface SmokeServices {
  endpoints: ServiceEndpoints;
  /** Stops Postgres or the S3 server, as an outage would; the returned function starts it again on the same port and data. */
  interrupt(name: "postgres" | "s3"): Promise<() => Promise<void>>;
  stop(): Promise<void>;
}

export async function startSmokeServices(dataRoot: string): Promise<SmokeServices> {
  const running: RunningService[] = [];
  const stop = async () => void (await Promise.allSettled(running.map((s) => s.stop())));
  try {
    const [postgres, s3, chain, mail] = await Promise.all([
      findFreePort().then((port) => startPostgres({ dataDir: path.join(dataRoot, "postgres"), port })),
      findFreePort().then((port) => startS3Server({ dataDir: path.join(dataRoot, "s3"), port })),
      findFreePort().then((port) => startChain({ dataDir: path.join(dataRoot, "chain"), port })),
      // Stands in for the operator's SMTP relay: the worker refuses to start in production without one.
      Promise.all([findFreePort(), findFreePort()]).then(([smtpPort, httpPort]) => startMailCatcher({ dataDir: path.join(dataRoot, "mail"), smtpPort, httpPort })),
    ]);
    running.push(postgres, s3, chain, mail);
    const restartable = {
      postgres: { service: postgres, start: () => startPostgres({ dataDir: path.join(dataRoot, "postgres"), port: Number(new URL(postgres.url).port) }) },
      s3: { service: s3 as RunningService, start: () => startS3Server({ dataDir: path.join(dataRoot, "s3"), port: Number(new URL(s3.url).port) }) },
    };
    const interrupt = async (name: "postgres" | "s3") => {
      const entry = restartable[name];
      await entry.service.stop();
      running.splice(running.indexOf(entry.service), 1);
      return async () => {
        entry.service = await entry.start();
        running.push(entry.service);
      };
    };

    const bucket = "medanchor-smoke";
    await Promise.all([
      applyMigrations(postgres.url),
      ensureBucket({ endpoint: s3.url, region: "us-east-1", bucket, ...EMBEDDED_S3_CREDENTIALS, forcePathStyle: true }),
    ]);

    // A fresh key, as an operator would generate: it deploys the contract and is its first anchorer.
    const anchorKey = `0x${randomBytes(32).toString("hex")}` as const;
    await fundOnAnvil(chain.url, privateKeyToAccount(anchorKey).address);
    const deployment = await deployContract({ rpcUrl: chain.url, chainId: EMBEDDED_CHAIN_ID, privateKey: anchorKey });

    return {
      endpoints: {
        DATABASE_URL: postgres.url,
        S3_ENDPOINT: s3.url,
        S3_BUCKET: bucket,
        S3_ACCESS_KEY_ID: EMBEDDED_S3_CREDENTIALS.accessKeyId,
        S3_SECRET_ACCESS_KEY: EMBEDDED_S3_CREDENTIALS.secretAccessKey,
        CHAIN_RPC_URL: chain.url,
        CHAIN_ID: String(EMBEDDED_CHAIN_ID),
        CONTRACT_ADDRESS: deployment.address,
        ANCHOR_PRIVATE_KEY: anchorKey,
        SMTP_URL: mail.url,
      },
      interrupt,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
