import "server-only";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { ok, type Result } from "@/lib/result";
import { findTokensOf } from "./access-token-repository";
import type { AccessTokenDto } from "./dtos";
import { scopesAvailableTo } from "./scopes";

/** The actor's tokens, newest first, with the scopes they could add to a new one. */
export async function listAccessTokens(actor: Actor | null, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<{ tokens: AccessTokenDto[]; availableScopes: string[] }>> {
  const allowed = await authorize(actor, "token.manage_own", { ownerId: actor?.id, type: "access_token" }, context);
  if (!allowed.ok) return allowed;
  return ok({ tokens: await findTokensOf(allowed.actor.id), availableScopes: scopesAvailableTo(allowed.actor.role) });
}
