import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DocumentDetails } from "@/components/documents/document-details";
import { DOCUMENT_KIND_LABELS } from "@/components/documents/format";
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
          <DocumentDetails doc={doc} showState />
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
