import { defineConfig } from "prisma/config";

// Prisma 7 keeps the connection URL here rather than in the schema. Only the CLI reads this file
// (`prisma generate`, and `prisma migrate deploy` on machines with the native engine); the app builds
// its client from lib/env.ts. The placeholder keeps `generate` working where DATABASE_URL is unset.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/medanchor" },
});
