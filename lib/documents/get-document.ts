import "server-only";
import { z } from "zod";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { fail, ok, type Result } from "@/lib/result";
import { grantPermissionFor } from "@/lib/grants/grant-for";
import { withLedger } from "@/lib/grants/ledger-check";
import { toDocumentSummaries, type DocumentSummaryDto } from "./list-documents";

export interface DocumentDetailsDto extends DocumentSummaryDto {
  note: string;
  storedAt: Date | null;
}

const getDocumentSchema = z.object({ documentId: z.uuid() });

/**
 * One document's metadata for its owning patient, or for a doctor whose open grant covers it (stored
 * documents only); anyone else's, a deleted or an unknown id reads "not found".
 */
export async function getDocument(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<DocumentDetailsDto & { ownerId: string }>> {
  const parsed = getDocumentSchema.safeParse(input);
  const row = parsed.success ? await db().document.findFirst({ where: { id: parsed.data.documentId, state: actor?.role === "DOCTOR" ? "STORED" : { not: "DELETED" } } }) : null;
  const grant = await withLedger(() => grantPermissionFor(actor, row?.ownerId, row?.id));
  if (!grant.ok) return grant;
  const auth = await authorize(actor, "document.view", { ownerId: row?.ownerId ?? "none", grant: grant.value, type: "document", id: parsed.success ? parsed.data.documentId : undefined }, context);
  if (!auth.ok) return auth;
  if (!row) return fail("NOT_FOUND", "Not found.");
  const [summary] = await toDocumentSummaries(auth.actor, [row]);
  return ok({ ...summary!, note: row.note, storedAt: row.storedAt, ownerId: row.ownerId });
}
