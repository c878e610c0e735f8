import Link from "next/link";
import { LocalTime } from "@/components/appointments/local-time";
import type { MyPatientDto } from "@/lib/grants/my-patients";
import { AccessBadge, PendingRequestBadge } from "./access-badge";

/** The doctor's patients, one row each, linking to the patient's page. */
export function PatientTable({ patients }: { patients: MyPatientDto[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Your patients</caption>
        <thead className="text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Patient
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Patient ID
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Access
            </th>
            <th scope="col" className="py-2 font-medium">
              Next visit
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {patients.map((patient) => (
            <tr key={patient.id}>
              <td className="py-3 pr-4">
                <Link href={`/doctor/patients/${patient.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {patient.name}
                </Link>
              </td>
              <td className="py-3 pr-4 font-mono text-slate-700">{patient.publicId}</td>
              <td className="py-3 pr-4">
                <span className="flex flex-wrap gap-1.5">
                  <AccessBadge access={patient.access} />
                  {patient.hasPendingRequest ? <PendingRequestBadge /> : null}
                </span>
              </td>
              <td className="py-3 text-slate-700">{patient.nextVisit ? <LocalTime startsAt={patient.nextVisit.toISOString()} /> : <span className="text-slate-500">None booked</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
