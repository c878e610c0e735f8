import { requestContext } from "@/lib/auth/request-context";
import { contentRequester } from "@/lib/documents/content-requester";
import { openDocumentContent } from "@/lib/documents/open-content";
import { toWebStream } from "@/lib/documents/response-stream";
import { answerOutagesWith503 } from "@/lib/outages/outage";

export const dynamic = "force-dynamic";

const INLINE_TYPES = new Set(["application/pdf", "image/png", "image/jpeg", "image/webp"]);
const STATUS = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, UNAVAILABLE: 503 } as Record<string, number>;

/**
 * The decrypted bytes of a document, access checked on this request for the session's user or the user a
 * `?link=` token names; sandboxed, never sniffed or cached.
 */
export const GET = answerOutagesWith503(async (request: Request, { params }: { params: Promise<{ documentId: string }> }) => {
  const { documentId } = await params;
  const url = new URL(request.url);
  const wantsInline = url.searchParams.get("inline") === "1";
  const result = await openDocumentContent(await contentRequester(url, documentId), documentId, await requestContext(), wantsInline ? "view" : "download");
  if (!result.ok) return Response.json({ code: result.error.code, message: result.error.message }, { status: STATUS[result.error.code] ?? 500, headers: { "Cache-Control": "no-store" } });
  const { stream, contentType, size, filename } = result.value;
  const inline = wantsInline && INLINE_TYPES.has(contentType);
  return new Response(toWebStream(stream), {
    headers: {
      "Content-Type": contentType,
      "Content-Length": String(size),
      "X-Content-Type-Options": "nosniff",
      // Inline previews may be framed by our own document page only; downloads by nobody.
      "Content-Security-Policy": inline ? "sandbox; frame-ancestors 'self'" : "sandbox; frame-ancestors 'none'",
      "X-Frame-Options": inline ? "SAMEORIGIN" : "DENY",
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
