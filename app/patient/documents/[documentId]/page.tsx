import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyButton } from "@/components/account/copy-button";
import { LocalTime } from "@/components/appointments/local-time";
import { AnchorBadge, DocumentStateBadge } from "@/components/documents/document-badges";
import { ANCHOR_LABELS, calendarDate, DOCUMENT_KIND_LABELS, humanSize, typeLabel } from "@/components/documents/format";
import { DocumentPreview } from "@/components/documents/document-preview";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeading } from "@/components/ui/card";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { getDocument } from "@/lib/documents/get-document";

export const metadata: Metadata = { title: "Document" };

type Params = Promise<{ documentId: string }>;

export default async function PatientDocumentPage({ params }: { params: Params }) {
  await requireRole("PATIENT");
  const { documentId } = await params;
  const result = await getDocument(await currentActor(), { documentId }, await requestContext());
  if (!result.ok) {
    if (result.error.code === "NOT_FOUND") notFound();
    return <Alert tone="error">{result.error.message}</Alert>;
  }
  const doc = result.value;
  const contentUrl = `/api/documents/${doc.id}/content`;
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href="/patient/documents" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          ← All documents
        </Link>
      </p>
      <PageHeading
        title={doc.title}
        description={DOCUMENT_KIND_LABELS[doc.kind]}
        actions={
          doc.state === "STORED" ? (
            <a href={contentUrl} className={buttonClasses()} download>
              Download
            </a>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title="Preview">
            {doc.state === "STORED" ? (
              <DocumentPreview type={doc.type} src={`${contentUrl}?inline=1`} title={doc.title} />
            ) : doc.state === "FAILED" ? (
              <Alert tone="error" title="This upload failed">
                {doc.failureReason ?? "The file could not be stored."}
              </Alert>
            ) : (
              <Alert tone="info">The file has not finished uploading.</Alert>
            )}
          </Card>
        </div>
        <Card title="Details">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-slate-500">State</dt>
              <dd className="mt-0.5">
                <DocumentStateBadge state={doc.state} />
              </dd>
            </div>
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
                  {doc.anchorStatus === "NONE" || doc.anchorStatus === "PENDING" ? (
                    <p className="text-xs text-slate-600">{ANCHOR_LABELS.PENDING}: the fingerprint is queued to be recorded on chain.</p>
                  ) : null}
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
        </Card>
      </div>
    </>
  );
}
