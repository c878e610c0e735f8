"use server";

import { currentActor } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { verifyStoredDocument } from "@/lib/verification/verify-stored-document";
import type { ServerVerifyState } from "@/components/verify/server-verify-state";
import { outageAsResult } from "@/lib/outages/outage";

/** "Verify" on a document page: re-reads, decrypts and hashes the stored file and checks it against our records and the chain. */
export async function verifyDocumentAction(_previous: ServerVerifyState, formData: FormData): Promise<ServerVerifyState> {
  const result = await outageAsResult(async () => verifyStoredDocument(await currentActor(), { documentId: formData.get("documentId") }, await requestContext()));
  if (!result.ok) return { status: "error", message: result.error.message };
  return { status: "done", verified: result.value.verified, anchored: result.value.anchored, steps: result.value.steps, checkedAt: result.value.checkedAt };
}
