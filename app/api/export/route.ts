import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { toWebStream } from "@/lib/documents/response-stream";
import { exportPatientRecords } from "@/lib/export/export-records";
import { exportErrorResponse, exportResponse } from "@/lib/export/export-response";
import { answerOutagesWith503 } from "@/lib/outages/outage";

export const dynamic = "force-dynamic";

/** The signed-in patient's records as one zip (bundle, files, receipts, manifest), streamed. */
export const GET = answerOutagesWith503(async (request: Request) => {
  const result = await exportPatientRecords(await currentActor(), await requestContext(), { origin: new URL(request.url).origin });
  if (!result.ok) return exportErrorResponse(result.error);
  return exportResponse(toWebStream(result.value.stream), result.value.filename);
});
