import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { receiveUpload } from "@/lib/documents/receive-upload";
import { refuseCrossOrigin } from "@/lib/security/same-origin";
import { answerOutagesWith503 } from "@/lib/outages/outage";

export const dynamic = "force-dynamic";

/** Data plane of a document upload: the raw file bytes as the request body, streamed through. */
export const PUT = answerOutagesWith503(async (request: Request, { params }: { params: Promise<{ uploadId: string }> }) => {
  // Before the session or the body: a cross-site page must not be able to push bytes into an open upload.
  const refused = refuseCrossOrigin(request);
  if (refused) return refused;
  const { uploadId } = await params;
  const result = await receiveUpload(uploadId, await currentActor(), request.body, await requestContext());
  const headers = { "Cache-Control": "no-store" };
  if (result.ok) return Response.json({ documentId: result.value.documentId, sha256: result.value.sha256 }, { status: 201, headers });
  return Response.json({ code: result.error.code, message: result.error.message }, { status: result.status, headers });
});
