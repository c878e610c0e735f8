/**
 * The one place that reads process.env. Everything else imports the parsed, typed values from here.
 *
 * Service URLs and keys are required in production. In development and tests the dev script
 * (scripts/dev.ts) and the test harness start embedded Postgres, S3 and anvil for whatever is not
 * configured and hand their URLs to the app through these same variables.
 */
import { z } from "zod";

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyAsUndefined, z.url().optional());
const booleanFlag = z.preprocess(emptyAsUndefined, z.enum(["true", "false", "1", "0"]).optional()).transform((v) => v === "true" || v === "1");
const hex32 = /^0x[0-9a-fA-F]{64}$/;

const rawSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional()),
  S3_ENDPOINT: optionalUrl,
  S3_REGION: z.preprocess(emptyAsUndefined, z.string().default("us-east-1")),
  S3_BUCKET: z.preprocess(emptyAsUndefined, z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a valid bucket name").default("medanchor")),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_FORCE_PATH_STYLE: z.preprocess(emptyAsUndefined, z.enum(["true", "false"]).default("true")).transform((v) => v === "true"),
  CHAIN_RPC_URL: optionalUrl,
  CHAIN_ID: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().optional()),
  CONTRACT_ADDRESS: z.preprocess(emptyAsUndefined, z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte address").optional()),
  ANCHOR_PRIVATE_KEY: z.preprocess(emptyAsUndefined, z.string().regex(hex32, "must be a 0x-prefixed 32-byte hex key").optional()),
  /**
   * Blocks that must be mined on top of an anchor's block before it counts as CONFIRMED. 0 (the default)
   * suits anvil and chains with immediate finality (Besu QBFT); raise it on a chain that can reorg.
   */
  CHAIN_CONFIRMATIONS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(1000).default(0)),
  AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, "must be at least 32 characters").optional()),
  APP_VERSION: optionalString,
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For. 0 (the default) means the
   * app is reached directly: the header is then client-controlled and ignored, so there is no per-IP
   * rate limit and no IP in the audit trail. Set 1 behind one proxy that appends the client address.
   */
  TRUSTED_PROXY_HOPS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(5).default(0)),
  /** Idle logout: minutes a session survives without a request. */
  SESSION_IDLE_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1440).default(30)),
  LOG_HEALTH_ERRORS: booleanFlag,
  /**
   * A bearer token that may read /api/metrics (Prometheus), besides signed-in administrators. Unset:
   * administrators only. Generate one with `openssl rand -hex 32`.
   */
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().regex(/^[\x21-\x7e]{32,256}$/, "must be 32–256 printable characters without spaces").optional()),
  /** 32-byte hex key (optionally 0x-prefixed) that wraps each document's data key. */
  DOCUMENT_MASTER_KEY: z.preprocess(emptyAsUndefined, z.string().regex(/^(0x)?[0-9a-fA-F]{64}$/, "must be a 32-byte hex key").optional()),
  /**
   * The master key being retired during a rotation (`npm run keys:rotate-master`): data keys still
   * wrapped by it are unwrapped with it until the rotation has re-wrapped them all; then unset it.
   */
  DOCUMENT_MASTER_KEY_PREVIOUS: z.preprocess(emptyAsUndefined, z.string().regex(/^(0x)?[0-9a-fA-F]{64}$/, "must be a 32-byte hex key").optional()),
  /**
   * Base64 of an AES key (16, 24 or 32 bytes) that encrypts server action ids and closures. Next.js
   * generates one per build otherwise; every app instance behind the load balancer must share it.
   */
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && [16, 24, 32].includes(Buffer.from(v, "base64").length), "must be base64 of a 16, 24 or 32-byte key")
      .optional(),
  ),
  /** Largest accepted document upload in bytes (default 50 MiB). */
  UPLOAD_MAX_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(5 * 1024 ** 3).default(50 * 1024 * 1024)),
  /** A grant tied to an appointment ends this many hours after the visit ends (default 24). */
  GRANT_AFTER_VISIT_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(720).default(24)),
});

/** Variables without which a production server must not start. */
const requiredInProduction = [
  "DATABASE_URL",
  "S3_ENDPOINT",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
  "CHAIN_RPC_URL",
  "CHAIN_ID",
  "CONTRACT_ADDRESS",
  "ANCHOR_PRIVATE_KEY",
  "AUTH_SECRET",
  "DOCUMENT_MASTER_KEY",
] as const;

/** Required in production only: development and tests can live with what Next.js generates per build. */
const requiredOnlyInProduction = ["NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"] as const;

type RawEnv = z.infer<typeof rawSchema>;

/**
 * Mail (lib/mail). Only the worker sends mail, so only it needs these: the app server merely writes
 * outbox rows in Postgres and starts without them. In production the worker refuses to start without
 * SMTP_URL, MAIL_FROM and APP_URL; in development and tests the stack starts an SMTP catcher and sets
 * SMTP_URL and DEV_INBOX_URL (its HTTP listing, read by /dev/inbox).
 */
const mailSchema = z.object({
  NODE_ENV: rawSchema.shape.NODE_ENV,
  SMTP_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL").optional()),
  MAIL_FROM: optionalString,
  /** Base of the links in mails, e.g. https://clinic.example. */
  APP_URL: optionalUrl,
  DEV_INBOX_URL: optionalUrl,
});

/**
 * Every variable the app and worker read, for deploy/.env.example's drift test. DEV_INBOX_URL is left
 * out: only the development inbox page reads it, and never in production.
 */
export const SERVER_ENV_VARIABLES = [...Object.keys(rawSchema.shape), ...Object.keys(mailSchema.omit({ NODE_ENV: true, DEV_INBOX_URL: true }).shape)] as (keyof RawEnv | "SMTP_URL" | "MAIL_FROM" | "APP_URL")[];

export interface ServerEnv {
  nodeEnv: RawEnv["NODE_ENV"];
  databaseUrl: string;
  s3: { endpoint: string; region: string; bucket: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean };
  chain: { rpcUrl: string; chainId: number; contractAddress: `0x${string}`; anchorPrivateKey: `0x${string}`; confirmations: number };
  authSecret: string;
  sessionIdleMinutes: number;
  trustedProxyHops: number;
  appVersion: string;
}

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

/** One line naming every variable that is missing or malformed. */
function describeProblems(issues: { variable: string; problem: string }[]): string {
  return `Invalid environment: ${issues.map((i) => `${i.variable} ${i.problem}`).join("; ")}`;
}

export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const parsed = rawSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(describeProblems(parsed.error.issues.map((i) => ({ variable: String(i.path[0]), problem: i.message }))));
  }
  const env = parsed.data;
  const required = env.NODE_ENV === "production" ? [...requiredInProduction, ...requiredOnlyInProduction] : requiredInProduction;
  const missing = required.filter((name) => env[name] === undefined);
  if (missing.length > 0) {
    const hint = env.NODE_ENV === "production" ? "is required in production" : "is not set (start the app with `npm run dev`, which starts embedded services)";
    throw new EnvError(describeProblems(missing.map((variable) => ({ variable, problem: hint }))));
  }
  return {
    nodeEnv: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL!,
    s3: {
      endpoint: env.S3_ENDPOINT!,
      region: env.S3_REGION,
      bucket: env.S3_BUCKET,
      accessKeyId: env.S3_ACCESS_KEY_ID!,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
    },
    chain: {
      rpcUrl: env.CHAIN_RPC_URL!,
      chainId: env.CHAIN_ID!,
      contractAddress: env.CONTRACT_ADDRESS as `0x${string}`,
      anchorPrivateKey: env.ANCHOR_PRIVATE_KEY as `0x${string}`,
      confirmations: env.CHAIN_CONFIRMATIONS,
    },
    authSecret: env.AUTH_SECRET!,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    appVersion: env.APP_VERSION ?? "0.1.0",
  };
}

export interface DocumentEnv {
  /** The 32-byte key that wraps per-document data keys. */
  masterKey: Buffer;
  /** The key being retired while `npm run keys:rotate-master` re-wraps data keys; readers try it second. */
  previousMasterKey: Buffer | undefined;
  uploadMaxBytes: number;
  grantAfterVisitHours: number;
}

/**
 * The document store's settings, parsed on their own for the document services (serverEnv() also
 * requires the key, so a production server without it stops at start-up). The dev script and test
 * harness generate a key into `.data/secrets/` (scripts/services/stack.ts).
 */
export function parseDocumentEnv(source: Record<string, string | undefined>): DocumentEnv {
  const parsed = rawSchema.pick({ NODE_ENV: true, DOCUMENT_MASTER_KEY: true, DOCUMENT_MASTER_KEY_PREVIOUS: true, UPLOAD_MAX_BYTES: true, GRANT_AFTER_VISIT_HOURS: true }).safeParse(source);
  if (!parsed.success) throw new EnvError(describeProblems(parsed.error.issues.map((i) => ({ variable: String(i.path[0]), problem: i.message }))));
  const key = parsed.data.DOCUMENT_MASTER_KEY;
  if (!key) {
    const hint = parsed.data.NODE_ENV === "production" ? "is required in production" : "is not set (start the app with `npm run dev`, which generates one)";
    throw new EnvError(describeProblems([{ variable: "DOCUMENT_MASTER_KEY", problem: hint }]));
  }
  const previous = parsed.data.DOCUMENT_MASTER_KEY_PREVIOUS;
  return {
    masterKey: hexKey(key),
    previousMasterKey: previous ? hexKey(previous) : undefined,
    uploadMaxBytes: parsed.data.UPLOAD_MAX_BYTES,
    grantAfterVisitHours: parsed.data.GRANT_AFTER_VISIT_HOURS,
  };
}

const hexKey = (value: string) => Buffer.from(value.replace(/^0x/, ""), "hex");

export interface MailEnv {
  smtpUrl: string;
  from: string;
  appUrl: string;
}

const DEV_MAIL_FROM = "MedAnchor <no-reply@medanchor.localhost>";
const DEV_APP_URL = "http://localhost:3000";

export function parseMailEnv(source: Record<string, string | undefined>): MailEnv {
  const parsed = mailSchema.safeParse(source);
  if (!parsed.success) throw new EnvError(describeProblems(parsed.error.issues.map((i) => ({ variable: String(i.path[0]), problem: i.message }))));
  const env = parsed.data;
  const production = env.NODE_ENV === "production";
  const missing = (["SMTP_URL", ...(production ? (["MAIL_FROM", "APP_URL"] as const) : [])] as const).filter((name) => env[name] === undefined);
  if (missing.length > 0) {
    const hint = production ? "is required in production to send mail" : "is not set (start the app with `npm run dev`, which starts an SMTP catcher)";
    throw new EnvError(describeProblems(missing.map((variable) => ({ variable, problem: hint }))));
  }
  return { smtpUrl: env.SMTP_URL!, from: env.MAIL_FROM ?? DEV_MAIL_FROM, appUrl: env.APP_URL ?? DEV_APP_URL };
}

let cachedMailEnv: MailEnv | undefined;

export function mailEnv(): MailEnv {
  cachedMailEnv ??= parseMailEnv(process.env);
  return cachedMailEnv;
}

/** The SMTP catcher's listing for /dev/inbox; never in production, where the page does not exist. */
export function devInboxUrl(source: Record<string, string | undefined> = process.env): string | null {
  const env = mailSchema.parse(source);
  return env.NODE_ENV === "production" ? null : (env.DEV_INBOX_URL ?? null);
}

/** The token that may scrape /api/metrics, or null when only administrators may. Read per scrape: cheap, and rotatable in tests. */
export function metricsToken(source: Record<string, string | undefined> = process.env): string | null {
  const parsed = rawSchema.pick({ METRICS_TOKEN: true }).safeParse(source);
  if (!parsed.success) throw new EnvError(describeProblems(parsed.error.issues.map((i) => ({ variable: String(i.path[0]), problem: i.message }))));
  return parsed.data.METRICS_TOKEN ?? null;
}

let cachedDocumentEnv: DocumentEnv | undefined;

export function documentEnv(): DocumentEnv {
  cachedDocumentEnv ??= parseDocumentEnv(process.env);
  return cachedDocumentEnv;
}

let cached: ServerEnv | undefined;

/** The validated server environment; throws EnvError (one line) when something is missing or malformed. */
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}

/**
 * Just the database URL, for processes that need nothing else (admin CLI, seed). Falls back to the
 * embedded development database outside production.
 */
export function databaseUrl(source: Record<string, string | undefined> = process.env): string {
  const parsed = rawSchema.pick({ NODE_ENV: true, DATABASE_URL: true }).safeParse(source);
  if (!parsed.success) throw new EnvError(describeProblems(parsed.error.issues.map((i) => ({ variable: String(i.path[0]), problem: i.message }))));
  if (parsed.data.DATABASE_URL) return parsed.data.DATABASE_URL;
  if (parsed.data.NODE_ENV === "production") throw new EnvError(describeProblems([{ variable: "DATABASE_URL", problem: "is required in production" }]));
  return EMBEDDED_DEV_DATABASE_URL;
}

/** Where `npm run dev` runs its embedded Postgres (scripts/services/stack.ts DEV_PORTS). */
export const EMBEDDED_DEV_DATABASE_URL = "postgresql://medanchor:medanchor@127.0.0.1:54329/medanchor";

/** Which services the developer configured; the dev script and test harness start embedded ones for the rest. */
export function configuredServices(source: Record<string, string | undefined> = process.env) {
  const env = rawSchema.parse(source);
  return {
    postgres: env.DATABASE_URL !== undefined,
    s3: env.S3_ENDPOINT !== undefined,
    chain: env.CHAIN_RPC_URL !== undefined,
    mail: mailSchema.parse(source).SMTP_URL !== undefined,
  };
}

const toolingSchema = z.object({
  DATABASE_URL: optionalString,
  CI: booleanFlag,
  CHROMIUM_PATH: optionalString,
  BENCH_URL: optionalUrl,
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).optional()),
  ADMIN_PASSWORD: optionalString,
});

/** Variables read by scripts (dev, tests, benchmarks), never by the app. */
export function loadToolingEnv(source: Record<string, string | undefined> = process.env) {
  return toolingSchema.parse(source);
}

/** The raw process environment, for scripts that must pass it on to child processes unchanged. */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}
