import { CopyButton } from "@/components/account/copy-button";
import { LocalTime } from "@/components/appointments/local-time";
import type { DocumentDetailsDto } from "@/lib/documents/get-document";
import { AnchorBadge, DocumentStateBadge } from "./document-badges";
import { ANCHOR_LABELS, calendarDate, DOCUMENT_KIND_LABELS, humanSize, typeLabel } from "./format";

/**
 * A document's metadata: who uploaded it, size, type, fingerprint and anchoring. The owner also sees its
 * state (uploading, stored, failed); doctors only ever see stored documents.
 */
export function DocumentDetails({ doc, showState = false }: { doc: DocumentDetailsDto; showState?: boolean }) {
  return (
    <dl className="space-y-3 text-sm">
      {showState ? (
        <div>
          <dt className="text-slate-500">State</dt>
          <dd className="mt-0.5">
            <DocumentStateBadge state={doc.state} />
          </dd>
        </div>
      ) : null}
      <div>
        <dt className="text-slate-500">Kind</dt>
        <dd className="mt-0.5 text-slate-900">{DOCUMENT_KIND_LABELS[doc.kind]}</dd>
      </div>
      <div>
        <dt className="text-slate-500">Date of service</dt>
        <dd className="mt-0.5 text-slate-900">{doc.serviceDate ? calendarDate(doc.serviceDate) : "Not given"}</dd>
      </div>
      <div>
        <dt className="text-slate-500">Uploaded</dt>
        <dd className="mt-0.5 text-slate-900">
          <LocalTime startsAt={doc.uploadedAt.toISOString()} /> {doc.uploadedBySelf ? "by you" : `by ${doc.uploaderName}`}
        </dd>
      </div>
      <div>
        <dt className="text-slate-500">Size</dt>
        <dd className="mt-0.5 text-slate-900">
          {humanSize(doc.size)} ({doc.size.toLocaleString("en-GB")} bytes)
        </dd>
      </div>
      <div>
        <dt className="text-slate-500">Type</dt>
        <dd className="mt-0.5 text-slate-900">{typeLabel(doc.type)}</dd>
      </div>
      {doc.sha256 ? (
        <div>
          <dt className="text-slate-500">SHA-256</dt>
          <dd className="mt-0.5 space-y-2">
            <code className="block font-mono text-xs break-all text-slate-900" data-testid="sha256-full">
              {doc.sha256}
            </code>
            <CopyButton text={doc.sha256} label="Copy SHA-256" />
          </dd>
        </div>
      ) : null}
      {doc.state === "STORED" ? (
        <div>
          <dt className="text-slate-500">Anchoring</dt>
          <dd className="mt-0.5 space-y-1">
            <AnchorBadge state={doc.state} anchor={doc.anchorStatus} />
            {doc.anchorStatus === "NONE" || doc.anchorStatus === "PENDING" ? <p className="text-xs text-slate-600">{ANCHOR_LABELS.PENDING}: the fingerprint is queued to be recorded on chain.</p> : null}
          </dd>
        </div>
      ) : null}
      {doc.note ? (
        <div>
          <dt className="text-slate-500">Note</dt>
          <dd className="mt-0.5 whitespace-pre-wrap text-slate-900">{doc.note}</dd>
        </div>
      ) : null}
    </dl>
  );
}
