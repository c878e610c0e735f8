import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditEventHash, auditHashParts, type AuditHashInput } from "./audit-hash";

/** The chain's original definition, written out: SHA-256 of the row's canonical JSON with sorted keys. Rows already stored were hashed this way. */
function sortedJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${sortedJson((value as Record<string, unknown>)[key])}`)
    .join(",")}}`;
}
const originalHash = (row: AuditHashInput) => createHash("sha256").update(sortedJson({ ...row, id: row.id.toString(), at: row.at.toISOString() })).digest("hex");

const row: AuditHashInput = {
  id: 4711n,
  at: new Date("2026-12-02T10:11:12.345Z"),
  actorId: "0b3e4a38-5f7c-4d0a-9a55-6f7c1e2d3b4a",
  actorRole: "PATIENT",
  action: "document.view",
  subjectType: "document",
  subjectId: "5d6c7b8a-1f2e-4d3c-8b9a-0f1e2d3c4b5a",
  outcome: "ALLOW",
  ip: "127.0.0.1",
  userAgent: 'Mozilla/5.0 "quoted" \\ ünïcödé \u202e "id":"1","prevHash":"',
  details: { size: 65536, type: "application/pdf", nested: { b: [1, null, true], a: "x" }, nothing: null },
  prevHash: "ab".repeat(32),
};

describe("audit hash", () => {
  it("is the SHA-256 of the row's canonical JSON, as rows already in the chain were hashed", () => {
    expect(auditEventHash(row)).toBe(originalHash(row));
    const bare = { ...row, actorId: null, actorRole: null, subjectType: null, subjectId: null, ip: null, userAgent: null, details: {} };
    expect(auditEventHash(bare)).toBe(originalHash(bare));
  });

  it("cuts the text exactly where the id and the previous hash go, whatever the other fields hold", () => {
    const [prefix, middle, suffix] = auditHashParts(row);
    expect(`${prefix}${row.id}${middle}${row.prevHash}${suffix}`).toBe(sortedJson({ ...row, id: row.id.toString(), at: row.at.toISOString() }));
    expect(prefix.endsWith(`"id":"`)).toBe(true);
    expect(middle.startsWith(`","ip":`)).toBe(true);
    expect(middle.endsWith(`"prevHash":"`)).toBe(true);
    expect(suffix.startsWith(`","subjectId":`)).toBe(true);
  });

  it("changes with every field it covers", () => {
    const base = auditEventHash(row);
    for (const change of [{ id: 4712n }, { prevHash: "cd".repeat(32) }, { at: new Date(row.at.getTime() + 1) }, { outcome: "DENY" }, { details: { ...(row.details as object), size: 65537 } }, { userAgent: null }]) {
      expect(auditEventHash({ ...row, ...change })).not.toBe(base);
    }
  });
});
