import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { isUuid } from "@/lib/uuid";

export const CONTENT_LINK_TTL_MS = 5 * 60 * 1000;

const KEY_INFO = "medanchor/content-link/v1";
const UUID_BYTES = 16;
const EXPIRY_BYTES = 6;
const PAYLOAD_BYTES = UUID_BYTES + EXPIRY_BYTES;
const TOKEN = /^([A-Za-z0-9_-]{30})\.([A-Za-z0-9_-]{43})$/;

const uuidBytes = (uuid: string) => Buffer.from(uuid.replace(/-/g, ""), "hex");
const uuidString = (bytes: Buffer) => bytes.toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");

/**
 * Short-lived links to a document's bytes, bound to one user and one document. A token is
 * `base64url(userId ‖ expiry in ms) . base64url(HMAC-SHA256(userId ‖ expiry ‖ documentId))`: the document
 * id is in the MAC but not the token (the URL names it), so a token moved to another document fails.
 * The MAC key is derived from the auth secret with HKDF under its own label, so the session-signing key
 * is never used raw for a second purpose. The link grants nothing by itself: whoever presents it still
 * goes through the document's access check as that user, on that request.
 */
export function contentLinkCodec(secret: string, clock: () => number = Date.now) {
  const key = Buffer.from(hkdfSync("sha256", secret, "", KEY_INFO, 32));
  const mac = (payload: Buffer, documentId: string) => createHmac("sha256", key).update(payload).update(uuidBytes(documentId)).digest();

  return {
    sign(userId: string, documentId: string, ttlMs: number = CONTENT_LINK_TTL_MS): string {
      if (!isUuid(userId) || !isUuid(documentId)) throw new Error("content links are made for user and document UUIDs");
      const payload = Buffer.alloc(PAYLOAD_BYTES);
      uuidBytes(userId).copy(payload, 0);
      payload.writeUIntBE(clock() + ttlMs, UUID_BYTES, EXPIRY_BYTES);
      return `${payload.toString("base64url")}.${mac(payload, documentId).toString("base64url")}`;
    },

    verify(token: string, documentId: string): string | null {
      const match = TOKEN.exec(token);
      if (!match || !isUuid(documentId)) return null;
      const payload = Buffer.from(match[1]!, "base64url");
      const given = Buffer.from(match[2]!, "base64url");
      // Only the canonical encoding: otherwise the unused low bits of the last character would give
      // one token several spellings.
      if (payload.length !== PAYLOAD_BYTES || payload.toString("base64url") !== match[1] || given.toString("base64url") !== match[2]) return null;
      if (!timingSafeEqual(given, mac(payload, documentId))) return null;
      if (payload.readUIntBE(UUID_BYTES, EXPIRY_BYTES) <= clock()) return null;
      return uuidString(payload.subarray(0, UUID_BYTES));
    },
  };
}
