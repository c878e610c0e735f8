import type { NextConfig } from "next";

const isProduction = process.env.NODE_ENV === "production";

/** Baseline headers for every response; pages that need more (document previews) set their own. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  {
    key: "Content-Security-Policy",
    value: [
      "default-src 'self'",
      // Next.js injects inline bootstrap scripts; dev mode also needs eval for fast refresh.
      `script-src 'self' 'unsafe-inline'${isProduction ? "" : " 'unsafe-eval'"}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "connect-src 'self' http: https:",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ].join("; "),
  },
  ...(isProduction ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // prom-client is a Node.js library (cluster, perf_hooks, @opentelemetry/api): loaded from node_modules, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "prom-client"],
  async headers() {
    return [
      // Document bytes and the FHIR API set their own framing and sandbox headers (inline previews are framed by our own pages).
      { source: "/((?!api/documents/|fhir/).*)", headers: securityHeaders },
      { source: "/api/documents/:path*", headers: securityHeaders.filter((h) => h.key !== "X-Frame-Options" && h.key !== "Content-Security-Policy") },
      { source: "/fhir/:path*", headers: securityHeaders.filter((h) => h.key !== "Content-Security-Policy") },
    ];
  },
};

export default nextConfig;
