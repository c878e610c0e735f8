import "server-only";
import { serverEnv } from "@/lib/env";

export type CrossOriginReason = "missing" | "null" | "malformed" | "no-host" | "cross-origin";

export type SameOriginVerdict = { ok: true } | { ok: false; reason: CrossOriginReason };

export interface SameOriginOptions {
  /** lib/env TRUSTED_PROXY_HOPS: with 0 the client could forge X-Forwarded-Host, so only Host counts. */
  trustedProxyHops: number;
}

const HOST_HEADER = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/**
 * Whether a mutating request comes from one of our own pages: its `Origin` must name the host the
 * browser addressed. Browsers send `Origin` on every non-GET fetch and XHR, same-origin ones included,
 * so a missing or `null` Origin (sandboxed frames, privacy redirects, non-browser clients) is refused
 * too. The host the browser addressed is the `Host` header, or behind TRUSTED_PROXY_HOPS proxies the
 * X-Forwarded-Host the outermost trusted proxy wrote (read like X-Forwarded-For in request-context.ts).
 *
 * Only the host (name and port) is compared, as Next.js does for server actions: behind a proxy that
 * terminates TLS the app cannot tell the scheme reliably, and a page served over plain http on our own
 * host is an attacker on the network path, whom an Origin check cannot stop anyway.
 */
export function checkSameOrigin(headers: Headers, options: SameOriginOptions): SameOriginVerdict {
  const origin = headers.get("origin")?.trim();
  if (!origin) return { ok: false, reason: "missing" };
  if (origin === "null") return { ok: false, reason: "null" };
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if ((originUrl.protocol !== "http:" && originUrl.protocol !== "https:") || originUrl.origin !== origin.toLowerCase()) return { ok: false, reason: "malformed" };

  const host = addressedHost(headers, options.trustedProxyHops);
  if (!host || !HOST_HEADER.test(host)) return { ok: false, reason: "no-host" };
  // Parsed with the Origin's scheme so that `example.org:443` and `https://example.org` compare equal.
  const expected = new URL(`${originUrl.protocol}//${host}`).host;
  return originUrl.host === expected ? { ok: true } : { ok: false, reason: "cross-origin" };
}

function addressedHost(headers: Headers, trustedProxyHops: number): string | undefined {
  if (trustedProxyHops > 0) {
    const entries = headers.get("x-forwarded-host")?.split(",").map((entry) => entry.trim()).filter(Boolean) ?? [];
    // Proxies usually set this header rather than append to it; then there is one entry, and it is theirs.
    const forwarded = entries[Math.max(0, entries.length - trustedProxyHops)];
    if (forwarded) return forwarded;
  }
  return headers.get("host")?.trim() || undefined;
}

/**
 * For route handlers that change state: a 403 `{ code: "FORBIDDEN", message }` response when the request
 * is not from our own origin, or null to go on. Call it before touching the body.
 */
export function refuseCrossOrigin(request: Request): Response | null {
  const verdict = checkSameOrigin(request.headers, { trustedProxyHops: serverEnv().trustedProxyHops });
  if (verdict.ok) return null;
  return Response.json(
    { code: "FORBIDDEN", message: "This request must come from the MedAnchor app itself (cross-origin or missing Origin header)." },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
}
