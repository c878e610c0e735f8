import Link from "next/link";

/** Links that filter a list, the current one marked for assistive technology with aria-current. */
export function FilterTabs({ label, tabs }: { label: string; tabs: { label: string; href: string; current: boolean }[] }) {
  return (
    <nav aria-label={label} className="mb-5 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-x-6">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={tab.current ? "page" : undefined}
              className={`inline-block border-b-2 px-1 pb-3 text-sm font-medium ${tab.current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"}`}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
