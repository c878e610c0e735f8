import "server-only";
import { z } from "zod";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import type { PageDto } from "@/lib/pagination";
import { findApplicationsPage } from "./doctor-repository";
import type { DoctorApplicationSummaryDto } from "./dtos";
import { listDoctorApplicationsSchema } from "./schemas";

/** The admin queue: applications in one state (or all), newest first, optionally searched. */
export async function listDoctorApplications(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<PageDto<DoctorApplicationSummaryDto>>> {
  const allowed = await authorize(actor, "doctor.list_applications", { type: "user" }, context);
  if (!allowed.ok) return allowed;
  const parsed = listDoctorApplicationsSchema.safeParse(input ?? {});
  if (!parsed.success) return fail("VALIDATION", "Invalid filter.", z.flattenError(parsed.error).fieldErrors);
  const { state, query, page } = parsed.data;
  return ok(await findApplicationsPage({ state, query }, page));
}
