import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl } from "@/lib/env";
import { PrismaClient } from "./generated/client";

const globalForPrisma = globalThis as unknown as { medAnchorPrisma?: PrismaClient };

/** One Prisma client per process (kept on globalThis so `next dev` hot reloads do not open new pools). */
export function db(): PrismaClient {
  globalForPrisma.medAnchorPrisma ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl(), connectionTimeoutMillis: 3_000 }),
  });
  return globalForPrisma.medAnchorPrisma;
}
