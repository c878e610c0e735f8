import Link from "next/link";

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-brand-900">
          <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-sm font-bold text-white">
            M
          </span>
          MedAnchor
        </Link>
        <nav aria-label="Main" className="flex items-center gap-5 text-sm font-medium text-slate-600">
          <Link href="/status" className="hover:text-slate-900">
            Status
          </Link>
        </nav>
      </div>
    </header>
  );
}
