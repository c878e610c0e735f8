import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DocumentDetails } from "@/components/documents/document-details";
import { DocumentPreview } from "@/components/documents/document-preview";
import { DOCUMENT_KIND_LABELS } from "@/components/documents/format";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeading } from "@/components/ui/card";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { getDocument } from "@/lib/documents/get-document";
import { getPatientForDoctor } from "@/lib/grants/my-patients";

export const metadata: Metadata = { title: "Patient document" };

type Params = Promise<{ patientId: string; documentId: string }>;

const linkClasses = "font-medium text-brand-700 underline-offset-2 hover:underline";

export default async function DoctorPatientDocumentPage({ params }: { params: Params }) {
  await requireRole("DOCTOR");
  const { patientId, documentId } = await params;
  const [actor, context] = await Promise.all([currentActor(), requestContext()]);
  const patient = await getPatientForDoctor(actor, patientId, context);
  if (!patient.ok) {
    if (patient.error.code === "NOT_FOUND") notFound();
    return <Alert tone="error">{patient.error.message}</Alert>;
  }
  const patientPath = `/doctor/patients/${patient.value.id}`;
  const back = (
    <p className="mb-4 text-sm">
      <Link href={patientPath} className={linkClasses}>
        ← {patient.value.name}
      </Link>
    </p>
  );
  const result = await getDocument(actor, { documentId }, context);
  // Revoked, expired or never covered: the service cannot tell them apart without leaking, so one message.
  if (!result.ok || result.value.ownerId !== patient.value.id) {
    const gone = !result.ok ? result.error.code === "NOT_FOUND" : true;
    return (
      <>
        {back}
        <PageHeading title="Document unavailable" />
        <Alert tone={gone ? "warning" : "error"} title={gone ? "You no longer have access to this document" : undefined}>
          {gone ? (
            <p>
              The patient revoked your access, it expired, or this document is not shared with you.{" "}
              <Link href={patientPath} className={linkClasses}>
                Back to {patient.value.name}
              </Link>
            </p>
          ) : !result.ok ? (
            result.error.message
          ) : null}
        </Alert>
      </>
    );
  }
  const doc = result.value;
  const contentUrl = `/api/documents/${doc.id}/content`;
  return (
    <>
      {back}
      <PageHeading
        title={doc.title}
        description={`${DOCUMENT_KIND_LABELS[doc.kind]} · ${patient.value.name} (${patient.value.publicId})`}
        actions={
          <a href={contentUrl} className={buttonClasses()} download>
            Download
          </a>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title="Preview">
            <DocumentPreview type={doc.type} src={`${contentUrl}?inline=1`} title={doc.title} />
          </Card>
        </div>
        <Card title="Details">
          <DocumentDetails doc={doc} />
        </Card>
      </div>
    </>
  );
}
