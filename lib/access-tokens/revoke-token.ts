import "server-only";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { fail, ok, type Result } from "@/lib/result";
import { findTokenOwner, markRevoked } from "./access-token-repository";
import { tokenIdSchema } from "./schemas";

/** Revokes one of the actor's tokens; the next request made with it is refused. */
export async function revokeAccessToken(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<null>> {
  const parsed = tokenIdSchema.safeParse(input);
  const owner = parsed.success ? await findTokenOwner(parsed.data.tokenId) : null;
  const allowed = await authorize(actor, "token.manage_own", { ownerId: owner?.userId, type: "access_token", id: parsed.success ? parsed.data.tokenId : undefined }, context);
  if (!allowed.ok) return allowed;
  if (!parsed.success || !owner) return fail("NOT_FOUND", "Not found.");
  if (owner.revokedAt) return ok(null);
  await markRevoked(parsed.data.tokenId);
  await recordAuditEvent({ actorId: allowed.actor.id, actorRole: allowed.actor.role, action: "token.revoke", subjectType: "access_token", subjectId: parsed.data.tokenId, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent });
  return ok(null);
}
