import "server-only";
import { serverEnv } from "@/lib/env";
import { contentLinkCodec } from "./content-link-codec";

let codec: ReturnType<typeof contentLinkCodec> | undefined;

function appCodec() {
  codec ??= contentLinkCodec(serverEnv().authSecret);
  return codec;
}

/** A link token letting `userId` fetch one document's bytes for a few minutes (default 5), without a session. */
export function signContentLink(userId: string, documentId: string, ttlMs?: number): string {
  return appCodec().sign(userId, documentId, ttlMs);
}

/** The user a link token was made for, if it is intact, unexpired and made for this document; else null. */
export function verifyContentLink(token: string, documentId: string): string | null {
  return appCodec().verify(token, documentId);
}
