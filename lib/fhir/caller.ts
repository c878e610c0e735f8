import "server-only";
import type { Actor, RequestContext } from "@/lib/authz/actor";
import { authenticateBearer } from "@/lib/access-tokens/authenticate-token";
import { scopesAllowRead } from "@/lib/access-tokens/scopes";
import { fail, ok, type Result } from "@/lib/result";

/** Who is calling the FHIR API: anonymous (public resources only) or a user through one of their tokens. */
export interface FhirCaller {
  actor: Actor | null;
  tokenId: string | null;
  scopes: string[];
  context: RequestContext;
}

/**
 * Resolves the caller from the Authorization header. No header is anonymous; a header that does not
 * name a live token (unknown, expired, revoked, its user suspended) is refused outright rather than
 * silently treated as anonymous.
 */
export async function resolveFhirCaller(authorization: string | null, context: RequestContext): Promise<Result<FhirCaller>> {
  if (!authorization) return ok({ actor: null, tokenId: null, scopes: [], context });
  const authenticated = await authenticateBearer(authorization);
  if (!authenticated) return fail("UNAUTHENTICATED", "The access token is missing, malformed, expired or revoked.");
  return ok({ actor: authenticated.actor, tokenId: authenticated.tokenId, scopes: authenticated.scopes, context });
}

/** Protected resource types need a token whose scopes include them. */
export function requireScope(caller: FhirCaller, resourceType: string): Result<Actor> {
  if (!caller.actor) return fail("UNAUTHENTICATED", "This resource needs an access token (Authorization: Bearer …).");
  if (!scopesAllowRead(caller.scopes, resourceType)) return fail("FORBIDDEN", `The access token's scopes do not include ${resourceType}.`);
  return ok(caller.actor);
}
