import "server-only";
import { headers } from "next/headers";
import type { RequestContext } from "@/lib/authz/actor";

/**
 * Client IP and user agent for rate limits and the audit trail. The last X-Forwarded-For entry is the
 * one written by the hop in front of the app: our reverse proxy in production (which appends the
 * client's address), or Next.js itself (the socket address) when nothing is in front. Earlier entries
 * come from the client and cannot be trusted.
 */
export async function requestContext(): Promise<RequestContext> {
  const h = await headers();
  const lastHop = h.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return { ip: lastHop || null, userAgent: h.get("user-agent") };
}
