import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** Recognisable prefix, so a leaked token is easy to find in logs or a repository and to revoke. */
const PREFIX = "mat_";

/** A fresh 256-bit secret, shown to its owner once. */
export function newTokenSecret(): string {
  return `${PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** What is stored: a fast hash is enough for 256 random bits (no dictionary to try). */
export function tokenHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function looksLikeTokenSecret(value: string): boolean {
  return value.startsWith(PREFIX) && /^[A-Za-z0-9_-]{43}$/.test(value.slice(PREFIX.length));
}
