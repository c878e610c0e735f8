import type { ServiceError } from "@/lib/result";

const STATUS = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, UNAVAILABLE: 503 } as Record<string, number>;

/** The headers both export routes answer with: a download, never sniffed, framed or cached. */
export function exportResponse(body: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; frame-ancestors 'none'",
      "X-Frame-Options": "DENY",
      "Cache-Control": "no-store",
    },
  });
}

export function exportErrorResponse(error: ServiceError): Response {
  return Response.json({ code: error.code, message: error.message }, { status: STATUS[error.code] ?? 500, headers: { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });
}
