import "server-only";
import { headers } from "next/headers";
import type { RequestContext } from "@/lib/authz/actor";

/**
 * Client IP and user agent for rate limits and the audit trail. Behind our reverse proxy the first
 * X-Forwarded-For hop is the client; without a proxy header we record nothing rather than guess.
 */
export async function requestContext(): Promise<RequestContext> {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || h.get("x-real-ip") || null, userAgent: h.get("user-agent") };
}
