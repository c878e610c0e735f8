import "server-only";
import { NO_REQUEST_CONTEXT, type Actor, type RequestContext } from "@/lib/authz/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { chainPublicClient, contractAddress } from "@/lib/chain/clients";
import { hashStoredObject } from "@/lib/documents/stored-object-hash";
import { ok, type Result } from "@/lib/result";
import { viewableDocumentWithAnchor } from "./document-access";
import { receiptFromRecords } from "./receipt";
import { fingerprintStep, reportOf, verifyReceipt, type VerificationReport, type VerificationStep } from "./verify-receipt";
import { viemAnchorReader } from "./viem-reader";

export interface StoredDocumentVerification extends VerificationReport {
  /** False while the anchor is not confirmed yet: the chain steps are then skipped. */
  anchored: boolean;
  checkedAt: string;
}

/**
 * Server-side verification of a stored document for whoever may view it (document.view): re-reads the
 * object, decrypts and hashes it, then checks that hash against the fingerprint recorded in Postgres and,
 * once anchored, the recorded commitment against the chain, with the same steps the browser and command
 * line run on a receipt. Every run is audited as a read of the patient's record.
 */
export async function verifyStoredDocument(actor: Actor | null, input: unknown, context: RequestContext = NO_REQUEST_CONTEXT): Promise<Result<StoredDocumentVerification>> {
  const found = await viewableDocumentWithAnchor(actor, input, context);
  if (!found.ok) return found;
  const { document, anchor } = found.value;

  const stored = await hashStoredObject(document.storageKey, document.wrappedKey);
  const storageStep: VerificationStep =
    "problem" in stored
      ? { id: "storage", title: "Stored file", status: "failed", explanation: stored.problem }
      : { id: "storage", title: "Stored file", status: "passed", explanation: `Read back from storage and decrypted (${stored.size.toLocaleString("en-GB")} bytes); its authentication tag verifies.` };
  const unreadable = (step: VerificationStep): VerificationStep => ({ ...step, status: "skipped", explanation: "Not checked: the stored file could not be read." });

  const receipt = receiptFromRecords(document, anchor);
  let steps: VerificationStep[];
  if (receipt) {
    const report = await verifyReceipt("sha256" in stored ? stored.sha256 : "", receipt, viemAnchorReader(chainPublicClient(), contractAddress()), { source: "records" });
    steps = [storageStep, ...report.steps.map((step) => (step.id === "fingerprint" && "problem" in stored ? unreadable(step) : step))];
  } else {
    const fingerprint = fingerprintStep("sha256" in stored ? stored.sha256 : "", document.sha256 ?? "", { source: "records" });
    const pending =
      anchor?.state === "CONFIRMED"
        ? "Not checked: the recorded fingerprint or anchoring data is malformed, so there is nothing valid to compare with the chain."
        : anchor?.state === "FAILED"
          ? "Not checked: anchoring this document failed; our administrators have been alerted."
          : "Not checked yet: the fingerprint is queued to be recorded on chain.";
    steps = [
      storageStep,
      "problem" in stored ? unreadable(fingerprint) : fingerprint,
      { id: "commitment", title: "Commitment", status: "skipped", explanation: pending },
      { id: "chain", title: "On chain", status: "skipped", explanation: pending },
      { id: "time", title: "Anchoring time", status: "skipped", explanation: pending },
    ];
  }
  const report = reportOf(steps);
  await recordAuditEvent({
    actorId: found.value.actor.id,
    actorRole: found.value.actor.role,
    action: "document.verify",
    subjectType: "document",
    subjectId: document.id,
    outcome: "ALLOW",
    ip: context.ip,
    userAgent: context.userAgent,
    details: { verified: report.verified, failedStep: report.firstProblem?.status === "failed" ? report.firstProblem.id : null },
  });
  return ok({ ...report, anchored: receipt !== null, checkedAt: new Date().toISOString() });
}
