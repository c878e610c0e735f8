import "server-only";
import { headers } from "next/headers";
import type { RequestContext } from "@/lib/authz/actor";
import { serverEnv } from "@/lib/env";

/**
 * Client IP and user agent for rate limits and the audit trail. Each trusted proxy appends the address
 * it saw to X-Forwarded-For, so the client is the entry TRUSTED_PROXY_HOPS from the end; anything
 * before it was written by the client and cannot be trusted. With no trusted proxy the IP is unknown.
 */
export async function requestContext(): Promise<RequestContext> {
  const h = await headers();
  const hops = serverEnv().trustedProxyHops;
  const entries = h.get("x-forwarded-for")?.split(",").map((entry) => entry.trim()) ?? [];
  const client = hops > 0 && entries.length >= hops ? entries[entries.length - hops] : undefined;
  return { ip: client || null, userAgent: h.get("user-agent") };
}
