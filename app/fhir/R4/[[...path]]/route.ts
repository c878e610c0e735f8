import { requestContext } from "@/lib/auth/request-context";
import { notSupported } from "@/lib/fhir/http";
import { handleFhirGet } from "@/lib/fhir/router";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ path?: string[] }> };

/** The FHIR R4 API: read and search (lib/fhir/router.ts); the token is checked on every request. */
export async function GET(request: Request, { params }: Params) {
  const { path = [] } = await params;
  return handleFhirGet(request, path, await requestContext());
}

/** Read-only: every write interaction is refused with an OperationOutcome. */
function refuseWrite() {
  return notSupported("This FHIR API is read-only.", 405);
}

export function POST() {
  return refuseWrite();
}

export function PUT() {
  return refuseWrite();
}

export function PATCH() {
  return refuseWrite();
}

export function DELETE() {
  return refuseWrite();
}
