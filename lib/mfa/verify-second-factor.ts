import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { isValidTotp } from "./totp";

export function recoveryCodeHash(code: string): string {
  return createHash("sha256").update(code.replace(/[\s-]/g, "").toUpperCase()).digest("hex");
}

/**
 * Accepts a current TOTP code, or an unused recovery code (consumed atomically: a recovery code works once).
 */
export async function verifySecondFactor(user: { id: string; totpSecret: string | null }, code: string): Promise<boolean> {
  const trimmed = code.trim();
  if (user.totpSecret && (await isValidTotp(user.totpSecret, trimmed))) return true;
  if (trimmed.length < 8) return false;
  const consumed = await db().recoveryCode.updateMany({ where: { userId: user.id, codeHash: recoveryCodeHash(trimmed), usedAt: null }, data: { usedAt: new Date() } });
  return consumed.count === 1;
}
