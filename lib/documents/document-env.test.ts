import { describe, expect, it } from "vitest";
import { parseDocumentEnv } from "@/lib/env";

describe("parseDocumentEnv", () => {
  const key = "ab".repeat(32);
  it("reads the master key (with or without 0x) and the upload limit (default 50 MiB)", () => {
    expect(parseDocumentEnv({ DOCUMENT_MASTER_KEY: key })).toEqual({ masterKey: Buffer.from(key, "hex"), uploadMaxBytes: 50 * 1024 * 1024 });
    expect(parseDocumentEnv({ DOCUMENT_MASTER_KEY: `0x${key}`, UPLOAD_MAX_BYTES: "1024" })).toEqual({ masterKey: Buffer.from(key, "hex"), uploadMaxBytes: 1024 });
  });
  it("refuses a missing or malformed key and a bad limit", () => {
    expect(() => parseDocumentEnv({ NODE_ENV: "production" })).toThrow(/DOCUMENT_MASTER_KEY is required in production/);
    expect(() => parseDocumentEnv({})).toThrow(/DOCUMENT_MASTER_KEY is not set/);
    expect(() => parseDocumentEnv({ DOCUMENT_MASTER_KEY: "abcd" })).toThrow(/DOCUMENT_MASTER_KEY must be a 32-byte hex key/);
    expect(() => parseDocumentEnv({ DOCUMENT_MASTER_KEY: key, UPLOAD_MAX_BYTES: "0" })).toThrow(/UPLOAD_MAX_BYTES/);
  });
});
