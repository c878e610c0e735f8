import "server-only";
import { z } from "zod";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import type { PageDto } from "@/lib/pagination";
import type { FacilitySummaryDto } from "./dtos";
import { findFacilitiesPage } from "./facility-repository";
import { listFacilitiesSchema } from "./schemas";

/** Facilities for administrators, active first and by name, each with how many doctors it has. */
export async function listFacilities(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<PageDto<FacilitySummaryDto>>> {
  const allowed = await authorize(actor, "facility.manage", { type: "facility" }, context);
  if (!allowed.ok) return allowed;
  const parsed = listFacilitiesSchema.safeParse(input ?? {});
  if (!parsed.success) return fail("VALIDATION", "Invalid filter.", z.flattenError(parsed.error).fieldErrors);
  return ok(await findFacilitiesPage(parsed.data.includeInactive, parsed.data.page));
}
