import "server-only";
import { db } from "@/lib/db/client";
import type { AccessTokenDto } from "./dtos";

const tokenSelect = { id: true, name: true, scopes: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true } as const;

type TokenRow = { id: string; name: string; scopes: string[]; createdAt: Date; expiresAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

export function toAccessTokenDto(row: TokenRow, now = new Date()): AccessTokenDto {
  const state = row.revokedAt ? "REVOKED" : row.expiresAt <= now ? "EXPIRED" : "ACTIVE";
  return { ...row, state };
}

export async function insertToken(data: { userId: string; name: string; tokenHash: string; scopes: string[]; expiresAt: Date }): Promise<AccessTokenDto> {
  return toAccessTokenDto(await db().personalAccessToken.create({ data, select: tokenSelect }));
}

export async function findTokensOf(userId: string): Promise<AccessTokenDto[]> {
  const rows = await db().personalAccessToken.findMany({ where: { userId }, select: tokenSelect, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: 100 });
  const now = new Date();
  return rows.map((row) => toAccessTokenDto(row, now));
}

export async function findTokenOwner(tokenId: string): Promise<{ userId: string; revokedAt: Date | null } | null> {
  return db().personalAccessToken.findUnique({ where: { id: tokenId }, select: { userId: true, revokedAt: true } });
}

/** Revokes once: a second revocation keeps the first time. */
export async function markRevoked(tokenId: string): Promise<void> {
  await db().personalAccessToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function findUsableTokenByHash(hash: string, now: Date): Promise<{ id: string; userId: string; scopes: string[]; lastUsedAt: Date | null } | null> {
  return db().personalAccessToken.findFirst({ where: { tokenHash: hash, revokedAt: null, expiresAt: { gt: now } }, select: { id: true, userId: true, scopes: true, lastUsedAt: true } });
}

export async function touchToken(tokenId: string, at: Date): Promise<void> {
  await db().personalAccessToken.update({ where: { id: tokenId }, data: { lastUsedAt: at } });
}
