import { DOCUMENT_KIND_LABELS } from "@/components/documents/format";
import { buttonClasses } from "@/components/ui/button";

const controlClasses = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";

/** Title, kind and sort filters for a patient's granted documents; submits to the current page. */
export function DocumentFilters({ q, kind, sort }: { q?: string; kind?: string; sort?: string }) {
  return (
    <form role="search" aria-label="Patient documents" method="get" className="mb-6 grid gap-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end">
      <div className="space-y-1.5">
        <label htmlFor="patient-documents-q" className="block text-sm font-medium text-slate-800">
          Title contains
        </label>
        <input id="patient-documents-q" name="q" type="search" defaultValue={q} className={controlClasses} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="patient-documents-kind" className="block text-sm font-medium text-slate-800">
          Kind
        </label>
        <select id="patient-documents-kind" name="kind" defaultValue={kind ?? ""} className={controlClasses}>
          <option value="">Any kind</option>
          {Object.entries(DOCUMENT_KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="patient-documents-sort" className="block text-sm font-medium text-slate-800">
          Sort by
        </label>
        <select id="patient-documents-sort" name="sort" defaultValue={sort === "uploaded" ? "uploaded" : "service"} className={controlClasses}>
          <option value="service">Date of service</option>
          <option value="uploaded">Upload date</option>
        </select>
      </div>
      <button type="submit" className={buttonClasses()}>
        Apply
      </button>
    </form>
  );
}
