import { describe, expect, it } from "vitest";
import { EnvError, configuredServices, parseServerEnv } from "./env";

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
};

describe("parseServerEnv", () => {
  it("accepts a complete production environment with typed values and defaults", () => {
    const env = parseServerEnv(complete);
    expect(env.chain.chainId).toBe(1337);
    expect(env.s3.bucket).toBe("medanchor");
    expect(env.s3.forcePathStyle).toBe(true);
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

  it("points development users at npm run dev", () => {
    expect(() => parseServerEnv({ NODE_ENV: "development" })).toThrow(/npm run dev/);
  });
});

describe("configuredServices", () => {
  it("reports which services the environment points elsewhere", () => {
    expect(configuredServices({ DATABASE_URL: complete.DATABASE_URL })).toEqual({ postgres: true, s3: false, chain: false });
    expect(configuredServices({})).toEqual({ postgres: false, s3: false, chain: false });
  });
});
