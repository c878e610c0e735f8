import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { facilityNotFound } from "./errors";
import { switchFacilityActive } from "./facility-repository";
import { setFacilityActiveSchema } from "./schemas";

/**
 * Deactivating hides a facility from the doctor application form; doctors already there keep it.
 * Setting the state it already has succeeds without writing anything.
 */
export async function setFacilityActive(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<{ facilityId: string; active: boolean; changed: boolean }>> {
  const parsed = setFacilityActiveSchema.safeParse(input);
  const allowed = await authorize(actor, "facility.manage", { type: "facility", id: parsed.success ? parsed.data.facilityId : undefined }, context);
  if (!allowed.ok) return allowed;
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors;
    return fieldErrors.facilityId ? facilityNotFound() : fail("VALIDATION", "Choose whether the facility is active.", fieldErrors);
  }
  const { facilityId, active } = parsed.data;

  const outcome = await db().$transaction(async (tx) => {
    const result = await switchFacilityActive(tx, facilityId, active);
    if (result === "changed") {
      await recordAuditEvent(
        { actorId: allowed.actor.id, actorRole: allowed.actor.role, action: active ? "facility.activate" : "facility.deactivate", subjectType: "facility", subjectId: facilityId, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent },
        tx,
      );
    }
    return result;
  });
  if (outcome === "missing") return facilityNotFound();
  return ok({ facilityId, active, changed: outcome === "changed" });
}
