import { DocumentList } from "@/components/documents/document-list";
import { EmptyState } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import type { DocumentPageDto } from "@/lib/documents/list-documents";
import { DocumentFilters } from "@/components/documents/document-filters";

interface Filters {
  q?: string;
  kind?: string;
  sort?: string;
}

/** The documents a doctor's grants cover, with filters and pages; rows link to the doctor's document page. */
export function PatientDocuments({ documents, filters, basePath }: { documents: DocumentPageDto; filters: Filters; basePath: string }) {
  const filtered = Boolean(filters.q || filters.kind);
  return (
    <>
      <DocumentFilters q={filters.q} kind={filters.kind} sort={filters.sort} label="Patient documents" idPrefix="patient-documents" className="mb-6" />
      {documents.total === 0 ? (
        filtered ? (
          <EmptyState title="No documents match">Try another title or kind.</EmptyState>
        ) : (
          <EmptyState title="No documents shared yet">Documents the patient stores and shares with you appear here.</EmptyState>
        )
      ) : (
        <>
          <DocumentList documents={documents.items} basePath={`${basePath}/documents`} label="Patient documents" />
          <Pagination
            page={documents.page}
            pageCount={documents.pageCount}
            total={documents.total}
            pageSize={documents.pageSize}
            basePath={basePath}
            params={{ q: filters.q, kind: filters.kind, sort: filters.sort }}
            noun="documents"
          />
        </>
      )}
    </>
  );
}
