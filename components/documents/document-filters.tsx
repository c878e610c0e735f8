import { DOCUMENT_KIND_LABELS } from "./format";
import { buttonClasses } from "@/components/ui/button";

const controlClasses = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";

interface Props {
  q?: string;
  kind?: string;
  sort?: string;
  /** The search landmark's name, e.g. "Documents". */
  label: string;
  /** Keeps field ids unique on the page. */
  idPrefix: string;
  className?: string;
}

/** Title, kind and sort filters for a document list; submits to the current page with GET. */
export function DocumentFilters({ q, kind, sort, label, idPrefix, className = "" }: Props) {
  return (
    <form role="search" aria-label={label} method="get" className={`grid gap-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end ${className}`}>
      <div className="space-y-1.5">
        <label htmlFor={`${idPrefix}-q`} className="block text-sm font-medium text-slate-800">
          Title contains
        </label>
        <input id={`${idPrefix}-q`} name="q" type="search" defaultValue={q} className={controlClasses} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor={`${idPrefix}-kind`} className="block text-sm font-medium text-slate-800">
          Kind
        </label>
        <select id={`${idPrefix}-kind`} name="kind" defaultValue={kind ?? ""} className={controlClasses}>
          <option value="">Any kind</option>
          {Object.entries(DOCUMENT_KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1.5">
        <label htmlFor={`${idPrefix}-sort`} className="block text-sm font-medium text-slate-800">
          Sort by
        </label>
        <select id={`${idPrefix}-sort`} name="sort" defaultValue={sort === "uploaded" ? "uploaded" : "service"} className={controlClasses}>
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
