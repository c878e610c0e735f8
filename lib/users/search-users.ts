import "server-only";
import { z } from "zod";
import { authorize } from "@/lib/authz/authorize";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { fail, ok, type Result } from "@/lib/result";
import type { UserSummaryDto } from "./dtos";
import type { PageDto } from "@/lib/pagination";
import { searchUsersSchema } from "./schemas";
import { findUsersPage } from "./user-repository";

/** Every account, newest first, searched by name or email (case-insensitive) and filtered by role. */
export async function searchUsers(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<PageDto<UserSummaryDto>>> {
  const allowed = await authorize(actor, "user.list", { type: "user" }, context);
  if (!allowed.ok) return allowed;
  const parsed = searchUsersSchema.safeParse(input ?? {});
  if (!parsed.success) return fail("VALIDATION", "Invalid search.", z.flattenError(parsed.error).fieldErrors);
  const { query, role, page } = parsed.data;
  return ok(await findUsersPage({ query, role }, page));
}
