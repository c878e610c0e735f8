import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { constraintViolation } from "@/lib/db/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { fail, ok, type Result } from "@/lib/result";
import { emailSchema, fieldErrorsOf } from "./schemas";

const adminSchema = z
  .object({ email: emailSchema, name: z.string().trim().min(2, "Enter the administrator's name.").max(120), password: z.string() })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.password, [value.name, value.email]);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

/**
 * Creates an administrator from the command line (there is deliberately no web form for it). The new
 * admin must enrol a second factor at first sign-in before any admin page opens.
 */
export async function createAdmin(input: unknown): Promise<Result<{ userId: string }>> {
  const parsed = adminSchema.safeParse(input);
  if (!parsed.success) return fail("VALIDATION", Object.values(fieldErrorsOf(parsed.error)).flat().join(" "), fieldErrorsOf(parsed.error));
  try {
    const user = await db().$transaction(async (tx) => {
      const created = await tx.user.create({ data: { email: parsed.data.email, name: parsed.data.name, role: "ADMIN", passwordHash: await hashPassword(parsed.data.password) } });
      await recordAuditEvent({ action: "account.create_admin", subjectType: "user", subjectId: created.id, outcome: "ALLOW", details: { via: "cli" } }, tx);
      return created;
    });
    return ok({ userId: user.id });
  } catch (error) {
    if (constraintViolation(error) === "UNIQUE") return fail("CONFLICT", "An account with this email already exists.");
    throw error;
  }
}
