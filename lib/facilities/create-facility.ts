import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { constraintViolation } from "@/lib/db/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import { duplicateFacilityName } from "./errors";
import { facilityNameTaken, insertFacility } from "./facility-repository";
import { facilityFieldsSchema } from "./schemas";

/** A new, active facility: doctors can choose it on the application form at once. */
export async function createFacility(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<{ facilityId: string }>> {
  const allowed = await authorize(actor, "facility.manage", { type: "facility" }, context);
  if (!allowed.ok) return allowed;
  const parsed = facilityFieldsSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", "Please correct the highlighted fields.", z.flattenError(parsed.error).fieldErrors);
  const fields = parsed.data;
  if (await facilityNameTaken(fields.name)) return duplicateFacilityName();

  try {
    const facilityId = await db().$transaction(async (tx) => {
      const id = await insertFacility(tx, fields);
      await recordAuditEvent(
        { actorId: allowed.actor.id, actorRole: allowed.actor.role, action: "facility.create", subjectType: "facility", subjectId: id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent, details: { name: fields.name, city: fields.city } },
        tx,
      );
      return id;
    });
    return ok({ facilityId });
  } catch (error) {
    // The name check above can lose a race with another admin; the unique index cannot.
    if (constraintViolation(error) === "UNIQUE") return duplicateFacilityName();
    throw error;
  }
}
