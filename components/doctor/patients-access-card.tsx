import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** Dashboard summary: how many patients the doctor has and how many requests or grants are open. */
export function PatientsAccessCard({ patients, openGrants }: { patients: number | null; openGrants: number | null }) {
  return (
    <section aria-labelledby="patients-access-title" className="flex flex-wrap items-center justify-between gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div>
        <h2 id="patients-access-title" className="text-lg font-semibold text-slate-900">
          Patients and access requests
        </h2>
        <p className="mt-1 text-sm text-slate-600">Request access to a patient&apos;s records and open the documents they share with you.</p>
      </div>
      <div className="flex flex-wrap items-center gap-6">
        {patients !== null && openGrants !== null ? (
          <dl className="flex gap-6">
            <div>
              <dt className="text-sm text-slate-600">Patients</dt>
              <dd className="text-2xl font-bold text-slate-900 tabular-nums" data-testid="patients-count">
                {patients}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">Open requests and access</dt>
              <dd className="text-2xl font-bold text-slate-900 tabular-nums" data-testid="open-grants-count">
                {openGrants}
              </dd>
            </div>
          </dl>
        ) : null}
        <Link href="/doctor/patients" className={buttonClasses()}>
          Your patients
        </Link>
      </div>
    </section>
  );
}
