import "server-only";
import { z } from "zod";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import type { PageDto } from "@/lib/pagination";
import { findVerifiedDoctorsPage } from "./doctor-repository";
import type { DirectoryDoctorDto } from "./dtos";
import { listVerifiedDoctorsSchema } from "./schemas";

/** The doctor directory for signed-in users: verified doctors with active accounts only, by name. */
export async function listVerifiedDoctors(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<PageDto<DirectoryDoctorDto>>> {
  const allowed = await authorize(actor, "directory.search_doctors", { type: "user" }, context);
  if (!allowed.ok) return allowed;
  const parsed = listVerifiedDoctorsSchema.safeParse(input ?? {});
  if (!parsed.success) return fail("VALIDATION", "Invalid search.", z.flattenError(parsed.error).fieldErrors);
  const { query, specialty, facilityId, page } = parsed.data;
  return ok(await findVerifiedDoctorsPage({ query, specialty, facilityId }, page));
}
