import { describe, expect, it } from "vitest";
import { parseDocumentEnv } from "@/lib/env";

describe("parseDocumentEnv", () => {
  const key = "ab".repeat(32);
  it("reads the master key (with or without 0x), the upload limit (default 50 MiB) and the grace after a visit (default 24 h)", () => {
    expect(parseDocumentEnv({ DOCUMENT_MASTER_KEY: key })).toEqual({ masterKey: Buffer.from(key, "hex"), uploadMaxBytes: 50 * 1024 * 1024, grantAfterVisitHours: 24 });
    expect(parseDocumentEnv({ DOCUMENT_MASTER_KEY: `0x${key}`, UPLOAD_MAX_BYTES: "1024", GRANT_AFTER_VISIT_HOURS: "2" })).toEqual({ masterKey: Buffer.from(key, "hex"), uploadMaxBytes: 1024, grantAfterVisitHours: 2 });
  });
  it("refuses a missing or malformed key and a bad limit", () => {
    expect(() => parseDocumentEnv({ NODE_ENV: "production" })).toThrow(/DOCUMENT_MASTER_KEY is required in production/);
    expect(() => parseDocumentEnv({})).toThrow(/DOCUMENT_MASTER_KEY is not set/);
    expect(() => parseDocumentEnv({ DOCUMENT_MASTER_KEY: "abcd" })).toThrow(/DOCUMENT_MASTER_KEY must be a 32-byte hex key/);
    expect(() => parseDocumentEnv({ DOCUMENT_MASTER_KEY: key, UPLOAD_MAX_BYTES: "0" })).toThrow(/UPLOAD_MAX_BYTES/);
    expect(() => parseDocumentEnv({ DOCUMENT_MASTER_KEY: key, GRANT_AFTER_VISIT_HOURS: "-1" })).toThrow(/GRANT_AFTER_VISIT_HOURS/);
  });
});
