import Link from "next/link";
import { CopyButton } from "@/components/account/copy-button";
import { LocalTime } from "@/components/appointments/local-time";
import type { DocumentSummaryDto } from "@/lib/documents/list-documents";
import { AnchorBadge, DocumentStateBadge, IntegrityBadge } from "./document-badges";
import { calendarDate, DOCUMENT_KIND_LABELS, humanSize, shortHash, typeLabel } from "./format";

interface Props {
  documents: DocumentSummaryDto[];
  /** Where a stored document's page lives: `${basePath}/<id>`. */
  basePath?: string;
  label?: string;
}

/** Documents, one row each (the patient's own, or the ones a doctor's grant covers); failed uploads say why. */
export function DocumentList({ documents, basePath = "/patient/documents", label = "Your documents" }: Props) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-200">
      {documents.map((doc) => (
        <li key={doc.id} className="py-4 first:pt-0 last:pb-0">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <p className="font-medium text-slate-900">
                {doc.state === "STORED" ? (
                  <Link href={`${basePath}/${doc.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {doc.title}
                  </Link>
                ) : (
                  doc.title
                )}
              </p>
              <p className="mt-1 text-sm text-slate-600">
                {DOCUMENT_KIND_LABELS[doc.kind]}
                {doc.serviceDate ? <> · Date of service {calendarDate(doc.serviceDate)}</> : null} · Uploaded <LocalTime startsAt={doc.uploadedAt.toISOString()} />
                {doc.uploadedBySelf ? " by you" : ` by ${doc.uploaderName}`}
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <DocumentStateBadge state={doc.state} />
              <AnchorBadge state={doc.state} anchor={doc.anchorStatus} />
              <IntegrityBadge problem={doc.integrityProblem} />
            </div>
          </div>
          <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
            <div className="flex gap-1.5">
              <dt className="text-slate-500">Size</dt>
              <dd>{humanSize(doc.size)}</dd>
            </div>
            <div className="flex gap-1.5">
              <dt className="text-slate-500">Type</dt>
              <dd>{typeLabel(doc.type)}</dd>
            </div>
            {doc.sha256 ? (
              <div className="flex items-center gap-1.5">
                <dt className="text-slate-500">SHA-256</dt>
                <dd className="flex items-center gap-2">
                  <code className="font-mono text-slate-900" title={doc.sha256} data-testid="sha256-short">
                    {shortHash(doc.sha256)}…
                  </code>
                  <CopyButton text={doc.sha256} label={`Copy SHA-256`} />
                </dd>
              </div>
            ) : null}
          </dl>
          {doc.state === "FAILED" ? <p className="mt-2 text-sm text-red-700">Upload failed: {doc.failureReason ?? "the file could not be stored."}</p> : null}
          {doc.state === "UPLOADING" ? <p className="mt-2 text-sm text-slate-600">Waiting for the file. Uploads that do not finish within 15 minutes are discarded.</p> : null}
        </li>
      ))}
    </ul>
  );
}
