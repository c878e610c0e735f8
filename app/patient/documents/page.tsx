import type { Metadata } from "next";
import { openUploadAction } from "@/app/patient/documents/actions";
import { DocumentList } from "@/components/documents/document-list";
import { DOCUMENT_KIND_LABELS } from "@/components/documents/format";
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

const controlClasses = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";

export default async function PatientDocumentsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole("PATIENT");
  const params = await searchParams;
  const filters = { q: single(params.q), kind: single(params.kind), sort: single(params.sort), page: single(params.page) };
  const result = await listOwnDocuments(await currentActor(), filters, await requestContext());
  const filtered = Boolean(filters.q || filters.kind);
  return (
    <>
      <PageHeading title="Your documents" description="Medical documents you keep with MedAnchor. Files are encrypted at rest, and each stored file's SHA-256 fingerprint is anchored on chain." />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <form role="search" aria-label="Documents" method="get" className="grid gap-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end">
              <div className="space-y-1.5">
                <label htmlFor="documents-q" className="block text-sm font-medium text-slate-800">
                  Title contains
                </label>
                <input id="documents-q" name="q" type="search" defaultValue={filters.q} className={controlClasses} />
              </div>
              <div className="space-y-1.5">
                <label htmlFor="documents-kind" className="block text-sm font-medium text-slate-800">
                  Kind
                </label>
                <select id="documents-kind" name="kind" defaultValue={filters.kind ?? ""} className={controlClasses}>
                  <option value="">Any kind</option>
                  {Object.entries(DOCUMENT_KIND_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="space-y-1.5">
                <label htmlFor="documents-sort" className="block text-sm font-medium text-slate-800">
                  Sort by
                </label>
                <select id="documents-sort" name="sort" defaultValue={filters.sort === "uploaded" ? "uploaded" : "service"} className={controlClasses}>
                  <option value="service">Date of service</option>
                  <option value="uploaded">Upload date</option>
                </select>
              </div>
              <button type="submit" className={buttonClasses()}>
                Apply
              </button>
            </form>
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
