import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { openPatientUploadAction } from "@/app/doctor/patients/actions";
import { AccessBadge } from "@/components/doctor/access-badge";
import { GrantList } from "@/components/doctor/grant-list";
import { PatientDocuments } from "@/components/doctor/patient-documents";
import { RequestAccessCard } from "@/components/doctor/request-access-card";
import { UploadForm } from "@/components/documents/upload-form";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { listGrantedDocuments } from "@/lib/documents/list-documents";
import { documentEnv } from "@/lib/env";
import { REQUEST_MAX_DAYS } from "@/lib/grants/grant-window";
import { getPatientForDoctor } from "@/lib/grants/my-patients";
import { GRANT_REASON_MAX } from "@/lib/grants/schemas";

export const metadata: Metadata = { title: "Patient" };

type Params = Promise<{ patientId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

const ACCESS_SENTENCE = {
  READ: "You can read the documents this patient shared with you.",
  READ_WRITE: "You can read the documents this patient shared with you and upload reports to their records.",
} as const;

export default async function DoctorPatientPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  await requireRole("DOCTOR");
  const [{ patientId }, query] = await Promise.all([params, searchParams]);
  const [actor, context] = await Promise.all([currentActor(), requestContext()]);
  const result = await getPatientForDoctor(actor, patientId, context);
  if (!result.ok) {
    if (result.error.code === "NOT_FOUND") notFound();
    return <Alert tone="error">{result.error.message}</Alert>;
  }
  const patient = result.value;
  const filters = { q: single(query.q), kind: single(query.kind), sort: single(query.sort), page: single(query.page) };
  const documents = patient.access ? await listGrantedDocuments(actor, patient.id, filters, context) : null;
  const { grantAfterVisitHours, uploadMaxBytes } = documentEnv();
  const pending = patient.grants.some((g) => g.state === "REQUESTED");
  const fullAccess = patient.grants.some((g) => g.state === "ACTIVE" && g.allDocuments && g.permission === "READ_WRITE");
  const basePath = `/doctor/patients/${patient.id}`;
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href="/doctor/patients" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          ← All patients
        </Link>
      </p>
      <PageHeading
        title={patient.name}
        description={
          <>
            Patient ID <span className="font-mono text-slate-900">{patient.publicId}</span>
          </>
        }
        actions={
          <div className="flex flex-wrap items-center gap-4">
            <p className="flex items-center gap-2 text-sm text-slate-600">
              Access <AccessBadge access={patient.access} />
            </p>
            {patient.access ? (
              <a href={`/api/export/patients/${patient.id}`} className={buttonClasses("secondary")} download>
                Export granted records
              </a>
            ) : null}
          </div>
        }
      />
      {patient.ledgerUnavailable ? (
        <div className="mb-6">
          <Alert tone="warning" title="Access cannot be confirmed right now">
            The ledger that records this patient&apos;s permissions cannot be reached, so their documents stay closed until it is back. Please try again in a minute.
          </Alert>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Access" description={patient.access ? ACCESS_SENTENCE[patient.access] : "You cannot see this patient's documents right now."}>
            {patient.grants.length === 0 ? (
              <EmptyState title="No access or open request">Ask the patient for access with the form on this page.</EmptyState>
            ) : (
              <GrantList grants={patient.grants} graceHours={grantAfterVisitHours} label="Your access and requests" />
            )}
          </Card>
          <Card title="Documents">
            {!documents ? (
              <EmptyState title="No documents to show">{pending ? "The patient's documents appear here once they approve your request." : "Request access to see this patient's documents."}</EmptyState>
            ) : !documents.ok ? (
              <Alert tone={documents.error.code === "NOT_FOUND" ? "warning" : "error"}>{documents.error.code === "NOT_FOUND" ? "Your access to this patient's records has just ended." : documents.error.message}</Alert>
            ) : (
              <PatientDocuments documents={documents.value} filters={filters} basePath={basePath} />
            )}
          </Card>
        </div>
        <div className="space-y-6">
          <RequestAccessCard
            patientId={patient.id}
            patientName={patient.name}
            visits={patient.visits.map((v) => ({ id: v.id, startsAt: v.startsAt.toISOString() }))}
            graceHours={grantAfterVisitHours}
            maxDays={REQUEST_MAX_DAYS}
            reasonMax={GRANT_REASON_MAX}
            canRequest={!pending && !fullAccess}
          />
          {patient.access === "READ_WRITE" ? (
            <Card title="Upload a report" description="Added to the patient's records; the patient sees that you uploaded it.">
              <UploadForm openUpload={openPatientUploadAction} maxBytes={uploadMaxBytes} hiddenFields={{ patientId: patient.id }} destination="the patient's documents" />
            </Card>
          ) : patient.access === "READ" ? (
            <Card title="Upload a report">
              <p className="text-sm text-slate-700">Uploading reports needs read &amp; write access. Your current access is read-only.</p>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
