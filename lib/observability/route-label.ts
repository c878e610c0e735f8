/**
 * The route label of a request path for metrics and access logs. Label values must come from a small
 * set (each one is a time series in Prometheus), and a path's ids would also be the one place a log
 * line could point at a person's resource by accident: ids, numbers and hashes become `[id]`, Next.js's
 * own assets collapse into one label each, and query strings are dropped.
 */
const ID_SEGMENT = [
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // UUID
  /^\d+$/, // number
  /^(0x)?[0-9a-f]{16,}$/i, // hex: hashes, on-chain ids
  /^MA-[A-Z0-9-]+$/, // patients' public ids
  /^[A-Za-z0-9_-]{20,}$/, // opaque tokens and one-time upload ids
];

const MAX_SEGMENTS = 6;
const KNOWN_SEGMENT = /^[a-z0-9][a-z0-9._-]{0,39}$/i;

export function routeLabel(url: string | undefined): string {
  const path = (url ?? "/").split(/[?#]/, 1)[0] || "/";
  if (path.startsWith("/_next/static/")) return "/_next/static";
  if (path.startsWith("/_next/image")) return "/_next/image";
  if (path.startsWith("/_next/")) return "/_next";
  const segments = path.split("/").filter(Boolean);
  const labelled = segments.slice(0, MAX_SEGMENTS).map((segment) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return "[id]";
    }
    if (ID_SEGMENT.some((pattern) => pattern.test(decoded))) return "[id]";
    // Anything else that does not look like a route name (spaces, an e-mail, odd characters) is a value too.
    return KNOWN_SEGMENT.test(decoded) && !decoded.includes("@") ? decoded : "[id]";
  });
  if (segments.length > MAX_SEGMENTS) labelled.push("…");
  return `/${labelled.join("/")}`;
}
