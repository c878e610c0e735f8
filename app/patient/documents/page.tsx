import type { Metadata } from "next";
import { openUploadAction } from "@/app/patient/documents/actions";
import { DocumentFilters } from "@/components/documents/document-filters";
import { DocumentList } from "@/components/documents/document-list";
import { UploadForm } from "@/components/documents/upload-form";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { requestContext } from "@/lib/auth/request-context";
import { listOwnDocuments } from "@/lib/documents/list-documents";
import { documentEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Your documents" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function PatientDocumentsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole("PATIENT");
  const params = await searchParams;
  const filters = { q: single(params.q), kind: single(params.kind), sort: single(params.sort), page: single(params.page) };
  const result = await listOwnDocuments(await currentActor(), filters, await requestContext());
  const filtered = Boolean(filters.q || filters.kind);
  return (
    <>
      <PageHeading
        title="Your documents"
        description="Medical documents you keep with MedAnchor. Files are encrypted at rest, and each stored file's SHA-256 fingerprint is anchored on chain."
        actions={
          <a href="/api/export" className={buttonClasses("secondary")} download>
            Download all my records
          </a>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <DocumentFilters q={filters.q} kind={filters.kind} sort={filters.sort} label="Documents" idPrefix="documents" />
          </Card>
          <Card title="Documents">
            {!result.ok ? (
              <Alert tone="error">{result.error.message}</Alert>
            ) : result.value.total === 0 ? (
              filtered ? (
                <EmptyState title="No documents match">Try another title or kind.</EmptyState>
              ) : (
                <EmptyState title="No documents yet">Upload a lab result, scan or letter with the form on this page.</EmptyState>
              )
            ) : (
              <>
                <DocumentList documents={result.value.items} />
                <Pagination
                  page={result.value.page}
                  pageCount={result.value.pageCount}
                  total={result.value.total}
                  pageSize={result.value.pageSize}
                  basePath="/patient/documents"
                  params={{ q: filters.q, kind: filters.kind, sort: filters.sort }}
                  noun="documents"
                />
              </>
            )}
          </Card>
        </div>
        <div>
          <Card title="Upload a document" description="The file is checked, fingerprinted and encrypted as it arrives.">
            <UploadForm openUpload={openUploadAction} maxBytes={documentEnv().uploadMaxBytes} />
          </Card>
        </div>
      </div>
    </>
  );
}
