import { buttonClasses } from "@/components/ui/button";

/** Search the doctor's patients by name; submits to the current page. */
export function PatientSearch({ q }: { q?: string }) {
  return (
    <form role="search" aria-label="Patients" method="get" className="mb-6 flex flex-wrap items-end gap-3">
      <div className="min-w-60 flex-1 space-y-1.5">
        <label htmlFor="patients-q" className="block text-sm font-medium text-slate-800">
          Name contains
        </label>
        <input id="patients-q" name="q" type="search" defaultValue={q} autoComplete="off" className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm" />
      </div>
      <button type="submit" className={buttonClasses()}>
        Search
      </button>
    </form>
  );
}
