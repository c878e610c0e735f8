import "server-only";
import { z } from "zod";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { fail, ok, type Result } from "@/lib/result";
import { insertToken } from "./access-token-repository";
import type { CreatedAccessTokenDto } from "./dtos";
import { createTokenSchema } from "./schemas";
import { scopesAvailableTo } from "./scopes";
import { newTokenSecret, tokenHash } from "./token-secret";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Creates a personal access token for the FHIR API; the secret is in the result and nowhere else. */
export async function createAccessToken(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<CreatedAccessTokenDto>> {
  const allowed = await authorize(actor, "token.manage_own", { ownerId: actor?.id, type: "access_token" }, context);
  if (!allowed.ok) return allowed;
  const parsed = createTokenSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", "Check the highlighted fields.", z.flattenError(parsed.error).fieldErrors);
  const available = new Set(scopesAvailableTo(allowed.actor.role));
  const scopes = [...new Set(parsed.data.scopes)];
  if (scopes.some((scope) => !available.has(scope))) return fail("VALIDATION", "Check the highlighted fields.", { scopes: ["Choose scopes from the list."] });
  const secret = newTokenSecret();
  const token = await insertToken({
    userId: allowed.actor.id,
    name: parsed.data.name,
    tokenHash: tokenHash(secret),
    scopes,
    expiresAt: new Date(Date.now() + parsed.data.expiresInDays * DAY_MS),
  });
  await recordAuditEvent({ actorId: allowed.actor.id, actorRole: allowed.actor.role, action: "token.create", subjectType: "access_token", subjectId: token.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent, details: { scopes: scopes.join(" ") } });
  return ok({ token, secret });
}
