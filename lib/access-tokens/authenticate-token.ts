import "server-only";
import type { Actor } from "@/lib/authz/actor";
import { actorForUser } from "@/lib/auth/actor-for-user";
import { findUsableTokenByHash, touchToken } from "./access-token-repository";
import { looksLikeTokenSecret, tokenHash } from "./token-secret";

export interface TokenAuthentication {
  actor: Actor;
  tokenId: string;
  scopes: string[];
}

/** Last-used times are kept to the minute: one write a minute per token, not one per request. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The actor behind `Authorization: Bearer <token>`, loaded fresh on every request, so a revoked or
 * expired token, a suspended account or a suspended doctor is refused on the next request.
 * Returns null for anything else (no header counts as anonymous: the caller decides).
 */
export async function authenticateBearer(authorization: string | null): Promise<TokenAuthentication | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "");
  if (!match || !looksLikeTokenSecret(match[1]!)) return null;
  const now = new Date();
  const token = await findUsableTokenByHash(tokenHash(match[1]!), now);
  if (!token) return null;
  const actor = await actorForUser(token.userId);
  if (!actor) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) await touchToken(token.id, now);
  return { actor, tokenId: token.id, scopes: token.scopes };
}
