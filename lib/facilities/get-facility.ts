import "server-only";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { ok, type Result } from "@/lib/result";
import type { FacilityDto } from "./dtos";
import { facilityNotFound } from "./errors";
import { findFacility } from "./facility-repository";
import { facilityIdSchema } from "./schemas";

/** One facility with its doctors (any verification state: they stay when the facility is deactivated). */
export async function getFacility(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<FacilityDto>> {
  const parsed = facilityIdSchema.safeParse(input);
  const allowed = await authorize(actor, "facility.manage", { type: "facility", id: parsed.success ? parsed.data.facilityId : undefined }, context);
  if (!allowed.ok) return allowed;
  if (!parsed.success) return facilityNotFound();
  const facility = await findFacility(parsed.data.facilityId);
  return facility ? ok(facility) : facilityNotFound();
}
