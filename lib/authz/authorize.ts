import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { fail, type ErrorCode, type ServiceError } from "@/lib/result";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "./actor";
import { rules, type Action, type Resource, type Rule } from "./rules";

export type Decision = { allowed: true; actor: Actor } | { allowed: false; code: Extract<ErrorCode, "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND">; reason: string };

/** Pure decision: may `actor` do `action` on `resource`? */
export function decide(actor: Actor | null, action: Action, resource?: Resource): Decision {
  if (!actor) return { allowed: false, code: "UNAUTHENTICATED", reason: "not signed in" };
  const rule: Rule | undefined = rules[action];
  if (!rule) return { allowed: false, code: "FORBIDDEN", reason: "no rule for action" };
  if (actor.status !== "ACTIVE") return { allowed: false, code: "UNAUTHENTICATED", reason: "account suspended" };
  if (!rule.allow(actor, resource)) return { allowed: false, code: rule.hide ? "NOT_FOUND" : "FORBIDDEN", reason: "rule denied" };
  if (rule.requiresMfa && !actor.mfaEnabled) return { allowed: false, code: "FORBIDDEN", reason: "second factor not enrolled" };
  return { allowed: true, actor };
}

const messages: Record<Exclude<Decision, { allowed: true }>["code"], string> = {
  UNAUTHENTICATED: "Please sign in to continue.",
  FORBIDDEN: "You are not allowed to do that.",
  NOT_FOUND: "Not found.",
};

/**
 * The check every domain service makes. On denial it records an `authz.deny` audit event and returns
 * the typed failure the service passes back to its caller.
 */
export async function authorize(
  actor: Actor | null,
  action: Action,
  resource?: Resource & { type?: string; id?: string },
  context: RequestContext = NO_REQUEST_CONTEXT,
): Promise<{ ok: true; actor: Actor } | { ok: false; error: ServiceError }> {
  const decision = decide(actor, action, resource);
  if (decision.allowed) return { ok: true, actor: decision.actor };
  await recordAuditEvent({
    actorId: actor?.id ?? null,
    actorRole: actor?.role ?? null,
    action: "authz.deny",
    subjectType: resource?.type,
    subjectId: resource?.id,
    outcome: "DENY",
    ip: context.ip,
    userAgent: context.userAgent,
    details: { attempted: action, reason: decision.reason },
  });
  const message = decision.reason === "second factor not enrolled" ? "Set up two-factor authentication before using this page." : messages[decision.code];
  return fail(decision.code, message);
}
