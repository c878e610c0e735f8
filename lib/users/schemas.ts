import { z } from "zod";
import { Role } from "@/lib/db/generated/enums";
import { pageSchema, searchQuerySchema } from "@/lib/pagination";

/** Filters come from the URL: an unknown role means "all roles" rather than an error page. */
export const searchUsersSchema = z.object({
  query: searchQuerySchema,
  role: z.enum(Role).optional().catch(undefined),
  page: pageSchema,
});
