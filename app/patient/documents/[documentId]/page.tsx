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
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { getDocument } from "@/lib/documents/get-document";
import { listGrantsCoveringDocument } from "@/lib/grants/list-grants";
import { getShareOptions } from "@/lib/grants/share-options";
import { createGrantAction, revokeGrantAction } from "@/app/patient/sharing/actions";
import { isoDay } from "@/components/sharing/grant-format";
import { PatientGrantList } from "@/components/sharing/grant-list";
import { ShareForm } from "@/components/sharing/share-form";
import { VerifyDocumentPanel } from "@/components/verify/verify-document-panel";
import { verifyDocumentAction } from "./actions";

export const metadata: Metadata = { title: "Document" };

type Params = Promise<{ documentId: string }>;

const DAY_MS = 86_400_000;

export default async function PatientDocumentPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const revoked = (await searchParams).notice === "revoked";
  await requireRole("PATIENT");
  const { documentId } = await params;
  const actor = await currentActor();
  const context = await requestContext();
  const result = await getDocument(actor, { documentId }, context);
  if (!result.ok) {
    if (result.error.code === "NOT_FOUND") notFound();
    return <Alert tone="error">{result.error.message}</Alert>;
  }
  const doc = result.value;
  const [shared, options] = doc.state === "STORED" ? await Promise.all([listGrantsCoveringDocument(actor, doc.id, context), getShareOptions(actor, context)]) : [null, null];
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
      {revoked ? (
        <div className="mb-6">
          <Alert tone="success">Access revoked. The doctor can no longer open this document.</Alert>
        </div>
      ) : null}
      {doc.integrityProblem ? (
        <div className="mb-6">
          <Alert tone="error" title="This document failed its integrity check">
            {doc.integrityProblem} Our administrators have been alerted. Keep your own copy if you have one.
          </Alert>
        </div>
      ) : null}
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
      {doc.state === "STORED" ? (
        <div className="mt-6">
          <Card
            title="Verify"
            description="Re-reads the stored file, decrypts and hashes it, and checks it against our records and the chain. Anyone can check the receipt with the file on the public verify page."
            actions={
              doc.anchorStatus === "CONFIRMED" ? (
                <a href={`/api/documents/${doc.id}/receipt`} className={buttonClasses("secondary")} download>
                  Download receipt
                </a>
              ) : null
            }
          >
            <VerifyDocumentPanel documentId={doc.id} action={verifyDocumentAction} />
          </Card>
        </div>
      ) : null}
      {shared?.ok && options?.ok ? (
        <div className="mt-6 grid gap-6 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <Card title="Shared with" description="Doctors who can open this document right now.">
              {shared.value.length === 0 ? (
                <EmptyState title="Only you can open this document">Share it with a doctor with the form beside this list.</EmptyState>
              ) : (
                <PatientGrantList grants={shared.value} revoke={revokeGrantAction} returnTo={`/patient/documents/${doc.id}`} />
              )}
            </Card>
          </div>
          <Card title="Share this document">
            <ShareForm
              doctors={options.value.doctors}
              documents={[]}
              fixedDocumentId={doc.id}
              defaultUntil={isoDay(new Date(options.value.now.getTime() + 7 * DAY_MS))}
              minUntil={isoDay(options.value.now)}
              maxUntil={isoDay(new Date(options.value.now.getTime() + 364 * DAY_MS))}
              action={createGrantAction}
            />
          </Card>
        </div>
      ) : null}
    </>
  );
}
