import "server-only";
import type { Hex } from "viem";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sanitizeTitle } from "@/lib/documents/names";
import { serverEnv } from "@/lib/env";
import { fail, ok, type Result } from "@/lib/result";
import { viewableDocumentWithAnchor, type ViewableDocument } from "./document-access";
import { RECEIPT_VERSION, receiptSchema, type AnchorReceipt } from "./receipt-schema";

export const NOT_ANCHORED_MESSAGE = "This document is not anchored yet: its receipt is available once the fingerprint is confirmed on chain (usually within seconds).";

/**
 * The receipt built from our records, once the anchor is CONFIRMED; null before. Validated against the
 * receipt schema, so a malformed row (hand-edited) cannot produce a receipt the verifiers reject.
 */
export function receiptFromRecords(document: ViewableDocument["document"], anchor: ViewableDocument["anchor"]): AnchorReceipt | null {
  if (!anchor || anchor.state !== "CONFIRMED" || !document.sha256 || !anchor.txHash || anchor.blockNumber === null || !anchor.blockTime) return null;
  const { chainId, contractAddress } = serverEnv().chain;
  const receipt = {
    version: RECEIPT_VERSION,
    chainId,
    contract: contractAddress,
    documentId: document.id,
    anchorId: anchor.anchorId as Hex,
    salt: anchor.salt as Hex,
    sha256: document.sha256,
    commitment: anchor.commitment as Hex,
    txHash: anchor.txHash as Hex,
    blockNumber: Number(anchor.blockNumber),
    blockTime: anchor.blockTime.toISOString(),
    batch: anchor.batchRoot ? { root: anchor.batchRoot as Hex, proof: (anchor.proof ?? []) as Hex[] } : null,
  };
  const parsed = receiptSchema.safeParse(receipt);
  return parsed.success ? parsed.data : null;
}

/** An ASCII `<title>-receipt.json`, safe in a quoted Content-Disposition parameter. */
export function receiptFilename(title: string): string {
  const base = sanitizeTitle(title)
    .replace(/[^A-Za-z0-9 ._-]/g, "_")
    .replace(/\.{2,}/g, ".")
    .replace(/^[ .]+|[ .]+$/g, "")
    .slice(0, 100);
  return `${base || "document"}-receipt.json`;
}

/**
 * The anchoring receipt of a document for whoever may view it (document.view). CONFLICT until the
 * anchor is confirmed. Each download is audited like any other read of the patient's records.
 */
export async function getDocumentReceipt(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<{ receipt: AnchorReceipt; filename: string }>> {
  const found = await viewableDocumentWithAnchor(actor, input, context);
  if (!found.ok) return found;
  const { document, anchor } = found.value;
  const receipt = receiptFromRecords(document, anchor);
  if (!receipt) return fail("CONFLICT", NOT_ANCHORED_MESSAGE);
  await recordAuditEvent({ actorId: found.value.actor.id, actorRole: found.value.actor.role, action: "document.receipt", subjectType: "document", subjectId: document.id, outcome: "ALLOW", ip: context.ip, userAgent: context.userAgent });
  return ok({ receipt, filename: receiptFilename(document.title) });
}
