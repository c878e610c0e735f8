import "server-only";
import { z } from "zod";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { grantPermissionFor } from "@/lib/grants/grant-for";
import { withLedger } from "@/lib/grants/ledger-check";
import { fail, ok, type Result } from "@/lib/result";

const inputSchema = z.object({ documentId: z.uuid() });

/**
 * A stored document and its anchor row, for whoever may view the document (document.view: the owning
 * patient, or a doctor whose open grant covers it). Anyone else, an unknown id or a document that is not
 * stored gets NOT_FOUND, exactly as opening the document itself would.
 */
export async function viewableDocumentWithAnchor(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT) {
  const parsed = inputSchema.safeParse(input);
  const document = parsed.success
    ? await db().document.findFirst({ where: { id: parsed.data.documentId, state: "STORED" }, select: { id: true, ownerId: true, title: true, sha256: true, storageKey: true, wrappedKey: true } })
    : null;
  const grant = await withLedger(() => grantPermissionFor(actor, document?.ownerId, document?.id));
  if (!grant.ok) return grant;
  const auth = await authorize(actor, "document.view", { ownerId: document?.ownerId ?? "none", grant: grant.value, type: "document", id: parsed.success ? parsed.data.documentId : undefined }, context);
  if (!auth.ok) return auth;
  if (!document) return fail("NOT_FOUND", "Not found.");
  const anchor = await db().anchor.findFirst({
    where: { kind: "DOCUMENT", action: "RECORD", subjectId: document.id },
    select: { state: true, anchorId: true, salt: true, commitment: true, txHash: true, blockNumber: true, blockTime: true, batchRoot: true, proof: true },
  });
  return ok({ actor: auth.actor, document, anchor }) satisfies Result<unknown>;
}

export type ViewableDocument = Extract<Awaited<ReturnType<typeof viewableDocumentWithAnchor>>, { ok: true }>["value"];
