import { createHash } from "node:crypto";
import { encodePacked, keccak256 } from "viem";

/** keccak256(abi.encodePacked(bytes32 digest, bytes32 salt)): the commitment anchored on chain. */
export function anchorCommitment(sha256Hex: string, saltHex: string): `0x${string}` {
  return keccak256(encodePacked(["bytes32", "bytes32"], [`0x${sha256Hex.replace(/^0x/, "")}`, `0x${saltHex.replace(/^0x/, "")}`]));
}

/** Hex SHA-256 of a canonical JSON value (keys sorted), the digest behind non-file commitments. */
export function canonicalDigest(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
