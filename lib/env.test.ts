import { describe, expect, it } from "vitest";
import { EnvError, configuredServices, devInboxUrl, parseDocumentEnv, parseMailEnv, parseServerEnv } from "./env";

const complete = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://u:p@db:5432/medanchor",
  S3_ENDPOINT: "https://minio.internal:9000",
  S3_ACCESS_KEY_ID: "key",
  S3_SECRET_ACCESS_KEY: "secret",
  CHAIN_RPC_URL: "http://besu:8545",
  CHAIN_ID: "1337",
  CONTRACT_ADDRESS: `0x${"ab".repeat(20)}`,
  ANCHOR_PRIVATE_KEY: `0x${"cd".repeat(32)}`,
  AUTH_SECRET: "s".repeat(40),
  DOCUMENT_MASTER_KEY: "ab".repeat(32),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("parseServerEnv", () => {
  it("accepts a complete production environment with typed values and defaults", () => {
    const env = parseServerEnv(complete);
    expect(env.chain.chainId).toBe(1337);
    expect(env.s3.bucket).toBe("medanchor");
    expect(env.s3.forcePathStyle).toBe(true);
  });

  it("needs no confirmations on top of an anchor's block unless CHAIN_CONFIRMATIONS says so", () => {
    expect(parseServerEnv(complete).chain.confirmations).toBe(0);
    expect(parseServerEnv({ ...complete, CHAIN_CONFIRMATIONS: "12" }).chain.confirmations).toBe(12);
    expect(() => parseServerEnv({ ...complete, CHAIN_CONFIRMATIONS: "-1" })).toThrow(/CHAIN_CONFIRMATIONS/);
    expect(() => parseServerEnv({ ...complete, CHAIN_CONFIRMATIONS: "two" })).toThrow(/CHAIN_CONFIRMATIONS/);
  });

  it("names a missing variable in one line in production", () => {
    const rest = { ...complete, DATABASE_URL: undefined };
    expect(() => parseServerEnv(rest)).toThrow(EnvError);
    expect(() => parseServerEnv(rest)).toThrow(/^Invalid environment: DATABASE_URL is required in production$/);
  });

  it("names a malformed variable", () => {
    expect(() => parseServerEnv({ ...complete, CONTRACT_ADDRESS: "0x123" })).toThrow(/CONTRACT_ADDRESS must be a 0x-prefixed 20-byte address/);
    expect(() => parseServerEnv({ ...complete, S3_ENDPOINT: "not a url" })).toThrow(/S3_ENDPOINT/);
  });

  it("treats empty strings as unset", () => {
    expect(() => parseServerEnv({ ...complete, AUTH_SECRET: "" })).toThrow(/AUTH_SECRET is required in production/);
  });

  it("requires a shared server actions key in production only, as base64 of an AES key", () => {
    expect(() => parseServerEnv({ ...complete, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: undefined })).toThrow(/^Invalid environment: NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is required in production$/);
    expect(() => parseServerEnv({ ...complete, NODE_ENV: "test", NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: undefined })).not.toThrow();
    expect(() => parseServerEnv({ ...complete, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(20).toString("base64") })).toThrow(/NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be base64/);
    expect(() => parseServerEnv({ ...complete, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "ab".repeat(32) })).toThrow(/NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be base64/);
  });

  it("points development users at npm run dev", () => {
    expect(() => parseServerEnv({ NODE_ENV: "development" })).toThrow(/npm run dev/);
  });
});

describe("configuredServices", () => {
  it("reports which services the environment points elsewhere", () => {
    expect(configuredServices({ DATABASE_URL: complete.DATABASE_URL })).toEqual({ postgres: true, s3: false, chain: false, mail: false });
    expect(configuredServices({})).toEqual({ postgres: false, s3: false, chain: false, mail: false });
    expect(configuredServices({ SMTP_URL: "smtp://mail.internal:587" }).mail).toBe(true);
  });
});

describe("parseMailEnv", () => {
  const mail = { NODE_ENV: "production", SMTP_URL: "smtps://user:pass@mail.internal:465", MAIL_FROM: "MedAnchor <no-reply@clinic.example>", APP_URL: "https://clinic.example" };

  it("accepts a complete production mail environment", () => {
    expect(parseMailEnv(mail)).toEqual({ smtpUrl: mail.SMTP_URL, from: mail.MAIL_FROM, appUrl: mail.APP_URL });
  });

  it("requires SMTP_URL, MAIL_FROM and APP_URL in production, named in one line", () => {
    expect(() => parseMailEnv({ NODE_ENV: "production" })).toThrow(/^Invalid environment: SMTP_URL is required in production to send mail; MAIL_FROM is required in production to send mail; APP_URL is required in production to send mail$/);
  });

  it("rejects a URL that is not SMTP", () => {
    expect(() => parseMailEnv({ ...mail, SMTP_URL: "http://mail.internal" })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
  });

  it("defaults sender and link base outside production, but still needs the catcher's SMTP_URL", () => {
    expect(parseMailEnv({ NODE_ENV: "test", SMTP_URL: "smtp://127.0.0.1:2525" })).toEqual({ smtpUrl: "smtp://127.0.0.1:2525", from: "MedAnchor <no-reply@medanchor.localhost>", appUrl: "http://localhost:3000" });
    expect(() => parseMailEnv({ NODE_ENV: "development" })).toThrow(/SMTP_URL is not set .*npm run dev/);
  });

  it("leaves the app server independent of mail: the server env parses without any mail variable", () => {
    expect(() => parseServerEnv(complete)).not.toThrow();
  });

  it("hides the dev inbox in production", () => {
    expect(devInboxUrl({ NODE_ENV: "development", DEV_INBOX_URL: "http://127.0.0.1:1080" })).toBe("http://127.0.0.1:1080");
    expect(devInboxUrl({ NODE_ENV: "production", DEV_INBOX_URL: "http://127.0.0.1:1080" })).toBeNull();
  });
});

describe("parseDocumentEnv", () => {
  it("reads the previous master key only while a rotation is under way", () => {
    expect(parseDocumentEnv(complete).previousMasterKey).toBeUndefined();
    const rotating = parseDocumentEnv({ ...complete, DOCUMENT_MASTER_KEY_PREVIOUS: `0x${"12".repeat(32)}` });
    expect(rotating.previousMasterKey?.toString("hex")).toBe("12".repeat(32));
    expect(rotating.masterKey.toString("hex")).toBe("ab".repeat(32));
    expect(() => parseDocumentEnv({ ...complete, DOCUMENT_MASTER_KEY_PREVIOUS: "short" })).toThrow(/DOCUMENT_MASTER_KEY_PREVIOUS must be a 32-byte hex key/);
  });
});
