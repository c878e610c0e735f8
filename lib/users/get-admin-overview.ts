import "server-only";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { ok, type Result } from "@/lib/result";
import type { AdminOverviewDto } from "./dtos";
import { countOverview } from "./user-repository";

/** Headline counts for the admin home page. */
export async function getAdminOverview(actor: Actor | null, _input?: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<AdminOverviewDto>> {
  const allowed = await authorize(actor, "admin.overview", undefined, context);
  if (!allowed.ok) return allowed;
  return ok(await countOverview());
}
