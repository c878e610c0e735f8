import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, EmptyState, PageHeading } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { SPECIALTIES } from "@/lib/accounts/license-rules";
import { currentActor, requireRole } from "@/lib/auth/current-actor";
import { listVerifiedDoctors } from "@/lib/doctors/search-doctors";

export const metadata: Metadata = { title: "Find a doctor" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function FindDoctorPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole("PATIENT");
  const params = await searchParams;
  const filters = { query: single(params.query), specialty: single(params.specialty), page: single(params.page) };
  const result = await listVerifiedDoctors(await currentActor(), filters);
  return (
    <>
      <PageHeading title="Find a doctor" description="Every doctor listed here had their license checked by a MedAnchor administrator." />
      <Card>
        <form role="search" aria-label="Doctors" className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-end" method="get">
          <div className="space-y-1.5">
            <label htmlFor="query" className="block text-sm font-medium text-slate-800">
              Name or facility
            </label>
            <input id="query" name="query" defaultValue={filters.query} className="block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm" />
          </div>
          <div className="space-y-1.5">
            <label htmlFor="specialty" className="block text-sm font-medium text-slate-800">
              Specialty
            </label>
            <select id="specialty" name="specialty" defaultValue={filters.specialty ?? ""} className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm">
              <option value="">Any specialty</option>
              {SPECIALTIES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClasses()}>
            Search
          </button>
        </form>
      </Card>
      <div className="mt-6">
        {!result.ok ? (
          <Alert tone="error">{result.error.message}</Alert>
        ) : result.value.items.length === 0 ? (
          <EmptyState title="No verified doctors match">Try another name or specialty.</EmptyState>
        ) : (
          <>
            <ul aria-label="Verified doctors" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {result.value.items.map((doctor) => (
                <li key={doctor.doctorId} className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
                  <p className="font-semibold text-slate-900">Dr. {doctor.name}</p>
                  <p className="text-sm text-brand-700">{doctor.specialty}</p>
                  <p className="mt-2 text-sm text-slate-600">
                    {doctor.facilityName} · {doctor.facilityCity}
                  </p>
                  <p className="text-xs text-slate-500">Times in {doctor.timeZone}</p>
                  <Link href={`/patient/doctors/${doctor.doctorId}`} className={`${buttonClasses("secondary")} mt-4 self-start`}>
                    See times<span className="sr-only"> for Dr. {doctor.name}</span>
                  </Link>
                </li>
              ))}
            </ul>
            <Pagination page={result.value.page} pageCount={result.value.pageCount} total={result.value.total} pageSize={result.value.pageSize} basePath="/patient/doctors" params={{ query: filters.query, specialty: filters.specialty }} noun="doctors" />
          </>
        )}
      </div>
    </>
  );
}
