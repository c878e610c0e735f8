import { z } from "zod";

export const MAX_TOKEN_DAYS = 90;

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name, e.g. the app that will use it.").max(80, "Keep the name under 80 characters."),
  scopes: z.array(z.string()).min(1, "Choose at least one scope."),
  expiresInDays: z.coerce.number().int("Whole days only.").min(1, "At least 1 day.").max(MAX_TOKEN_DAYS, `At most ${MAX_TOKEN_DAYS} days.`),
});

export const tokenIdSchema = z.object({ tokenId: z.uuid("Unknown token.") });
