import "server-only";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { pageOf, pageWindow, type PageDto } from "@/lib/pagination";
import { ok, type Result } from "@/lib/result";
import type { PatientLedgerEntryDto } from "./dtos";
import { countPatientAnchors, pagePatientAnchors, patientSubjects } from "./ledger-repository";
import { patientLedgerInputSchema } from "./schemas";

/**
 * Everything the chain holds about a patient's records: the anchors of their documents and of the
 * grants on them (records, revocations, expiries), newest first, with state and where on chain.
 */
export async function listPatientLedger(actor: Actor | null, input: { page?: string | number } = {}, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<PageDto<PatientLedgerEntryDto>>> {
  const auth = await authorize(actor, "document.read_access_log", { ownerId: actor?.id, type: "user", id: actor?.id }, context);
  if (!auth.ok) return auth;
  const { page } = patientLedgerInputSchema.parse(input);
  const { documents, grants } = await patientSubjects(auth.actor.id);
  const documentIds = [...documents.keys()];
  const grantIds = [...grants.keys()];
  const total = await countPatientAnchors(documentIds, grantIds);
  const window = pageWindow(page, total);
  const rows = await pagePatientAnchors(documentIds, grantIds, window.skip, window.take);
  const items = rows.map((row): PatientLedgerEntryDto => ({
    id: row.id,
    kind: row.kind === "GRANT" ? "GRANT" : "DOCUMENT",
    action: row.action,
    state: row.state,
    subject: row.kind === "GRANT" ? { type: "grant", id: row.subjectId, doctorName: grants.get(row.subjectId) ?? "A doctor" } : { type: "document", id: row.subjectId, title: documents.get(row.subjectId) ?? "Document" },
    anchorId: row.anchorId,
    txHash: row.txHash,
    blockNumber: row.blockNumber?.toString() ?? null,
    blockTime: row.blockTime,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    batchRoot: row.batchRoot,
  }));
  return ok(pageOf(items, window, total));
}
