import Link from "next/link";

interface Props {
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
  /** The list's path and its current filters; `page` is added per link. */
  basePath: string;
  params: Record<string, string | undefined>;
  /** Plural noun for the count line, e.g. "applications". */
  noun: string;
}

export function hrefWith(basePath: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const query = search.toString();
  return query ? `${basePath}?${query}` : basePath;
}

const linkClasses = "rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 shadow-sm hover:bg-slate-50";
const disabledClasses = "rounded-lg border border-slate-200 px-3 py-1.5 text-slate-400";

export function Pagination({ page, pageCount, total, pageSize, basePath, params, noun }: Props) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  return (
    <nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p>
        Showing {first}–{last} of {total} {noun}
        {pageCount > 1 ? ` · page ${page} of ${pageCount}` : ""}
      </p>
      {pageCount > 1 ? (
        <div className="flex gap-2">
          {page > 1 ? (
            <Link className={linkClasses} href={hrefWith(basePath, { ...params, page: String(page - 1) })} rel="prev">
              Previous page
            </Link>
          ) : (
            <span className={disabledClasses} aria-disabled="true">
              Previous page
            </span>
          )}
          {page < pageCount ? (
            <Link className={linkClasses} href={hrefWith(basePath, { ...params, page: String(page + 1) })} rel="next">
              Next page
            </Link>
          ) : (
            <span className={disabledClasses} aria-disabled="true">
              Next page
            </span>
          )}
        </div>
      ) : null}
    </nav>
  );
}
