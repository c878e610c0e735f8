import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { constraintViolation } from "@/lib/db/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { duplicateFacilityName, facilityNotFound } from "./errors";
import { facilityNameTaken, updateFacilityFields } from "./facility-repository";
import { updateFacilitySchema } from "./schemas";

/** Renames or moves a facility; its doctors follow since they reference it by id. */
export async function updateFacility(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<{ facilityId: string }>> {
  const parsed = updateFacilitySchema.safeParse(input);
  const allowed = await authorize(actor, "facility.manage", { type: "facility", id: parsed.success ? parsed.data.facilityId : undefined }, context);
  if (!allowed.ok) return allowed;
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors;
    return fieldErrors.facilityId ? facilityNotFound() : fail("VALIDATION", "Please correct the highlighted fields.", fieldErrors);
  }
  const { facilityId, ...fields } = parsed.data;
  if (await facilityNameTaken(fields.name, facilityId)) return duplicateFacilityName();

  try {
    const before = await db().$transaction(async (tx) => {
      const previous = await updateFacilityFields(tx, facilityId, fields);
      if (!previous) return null;
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((key) => previous[key] !== fields[key]);
      if (changed.length) {
        await recordAuditEvent(
          { actorId: allowed.actor.id, actorRole: allowed.actor.role, action: "facility.update", subjectType: "facility", subjectId: facilityId, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent, details: { changed: changed.join(",") } },
          tx,
        );
      }
      return previous;
    });
    return before ? ok({ facilityId }) : facilityNotFound();
  } catch (error) {
    if (constraintViolation(error) === "UNIQUE") return duplicateFacilityName();
    throw error;
  }
}
