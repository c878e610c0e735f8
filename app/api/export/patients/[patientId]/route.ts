import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { toWebStream } from "@/lib/documents/response-stream";
import { exportGrantedRecords } from "@/lib/export/export-records";
import { exportErrorResponse, exportResponse } from "@/lib/export/export-response";
import { answerOutagesWith503 } from "@/lib/outages/outage";

export const dynamic = "force-dynamic";

/** What the signed-in doctor's open grants cover for one patient, as one zip, streamed. */
export const GET = answerOutagesWith503(async (request: Request, { params }: { params: Promise<{ patientId: string }> }) => {
  const { patientId } = await params;
  const result = await exportGrantedRecords(await currentActor(), { patientId }, await requestContext(), { origin: new URL(request.url).origin });
  if (!result.ok) return exportErrorResponse(result.error);
  return exportResponse(toWebStream(result.value.stream), result.value.filename);
});
