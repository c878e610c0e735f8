import type { ReactNode } from "react";

/** A data table with a caption (visible to screen readers only when `hideCaption`) that scrolls sideways on small screens. */
export function Table({ caption, hideCaption = true, columns, children }: { caption: string; hideCaption?: boolean; columns: string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className={hideCaption ? "sr-only" : "px-4 py-3 text-left font-medium text-slate-800"}>{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="whitespace-nowrap px-4 py-3 font-semibold text-slate-700">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

/** The cell that names the row (usually the first), announced as the row header. */
export function RowHeader({ children }: { children: ReactNode }) {
  return (
    <th scope="row" className="px-4 py-3 align-top font-medium text-slate-900">
      {children}
    </th>
  );
}

export function Cell({ children, nowrap = false }: { children: ReactNode; nowrap?: boolean }) {
  return <td className={`px-4 py-3 align-top text-slate-700 ${nowrap ? "whitespace-nowrap" : ""}`}>{children}</td>;
}
