import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { getDocumentReceipt } from "@/lib/verification/receipt";
import { answerOutagesWith503 } from "@/lib/outages/outage";

export const dynamic = "force-dynamic";

const STATUS = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, UNAVAILABLE: 503 } as Record<string, number>;

/** The document's anchoring receipt as a JSON download, access checked on this request; 409 until anchored. */
export const GET = answerOutagesWith503(async (_request: Request, { params }: { params: Promise<{ documentId: string }> }) => {
  const { documentId } = await params;
  const result = await getDocumentReceipt(await currentActor(), { documentId }, await requestContext());
  if (!result.ok) return Response.json({ code: result.error.code, message: result.error.message }, { status: STATUS[result.error.code] ?? 500, headers: { "Cache-Control": "no-store" } });
  return new Response(`${JSON.stringify(result.value.receipt, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${result.value.filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; frame-ancestors 'none'",
      "X-Frame-Options": "DENY",
      "Cache-Control": "no-store",
    },
  });
});
