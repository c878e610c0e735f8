import Link from "next/link";
import { LocalTime } from "@/components/appointments/local-time";
import type { GrantDto } from "@/lib/grants/list-grants";
import { ACCESS_LABELS, GrantStateBadge } from "./access-badge";

const iso = (date: Date) => date.toISOString();

function GrantWindow({ grant, graceHours }: { grant: GrantDto; graceHours: number }) {
  const visit = grant.appointment ? (
    <>
      {graceHours} h after your visit on <LocalTime startsAt={iso(grant.appointment.startsAt)} />
    </>
  ) : null;
  if (grant.state === "REQUESTED") {
    if (visit) return <>Until {visit}</>;
    return <>{grant.durationDays === 1 ? "For 1 day" : `For ${grant.durationDays ?? "?"} days`} from the patient&apos;s approval</>;
  }
  if (!grant.notAfter) return <>Not set</>;
  return (
    <>
      Until <LocalTime startsAt={iso(grant.notAfter)} />
      {visit ? <> ({visit})</> : null}
    </>
  );
}

function GrantScope({ grant }: { grant: GrantDto }) {
  if (grant.allDocuments) return <>All documents</>;
  if (grant.state === "REQUESTED") return <>Documents the patient chooses</>;
  const count = grant.documents.length;
  return (
    <>
      {count === 1 ? "1 chosen document" : `${count} chosen documents`}
      {count > 0 ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {grant.documents.map((doc) => (
            <li key={doc.id}>
              <Link href={`/doctor/patients/${grant.patient.id}/documents/${doc.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                {doc.title}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** Open requests and grants given to the doctor: state, permission, scope and window. */
export function GrantList({ grants, graceHours, label, showPatient = false }: { grants: GrantDto[]; graceHours: number; label: string; showPatient?: boolean }) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-200">
      {grants.map((grant) => (
        <li key={grant.id} className="py-4 first:pt-0 last:pb-0">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="font-medium text-slate-900">
              {showPatient ? (
                <Link href={`/doctor/patients/${grant.patient.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                  {grant.patient.name}
                </Link>
              ) : grant.requestedByDoctor ? (
                "Your request"
              ) : (
                "Shared by the patient"
              )}
            </p>
            <GrantStateBadge state={grant.state} />
          </div>
          {grant.state === "ACTIVE" && grant.ledger !== "CONFIRMED" ? (
            <p className="mt-1 text-sm text-amber-800">Approved; being recorded on the ledger. You can open the documents in a few seconds.</p>
          ) : null}
          <dl className="mt-2 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-500">Permission</dt>
              <dd className="text-slate-900">{ACCESS_LABELS[grant.permission]}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Documents</dt>
              <dd className="text-slate-900">
                <GrantScope grant={grant} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{grant.state === "REQUESTED" ? "Access would last" : "Access lasts"}</dt>
              <dd className="text-slate-900">
                <GrantWindow grant={grant} graceHours={graceHours} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{grant.requestedByDoctor ? "Requested" : "Shared"}</dt>
              <dd className="text-slate-900">
                <LocalTime startsAt={iso(grant.createdAt)} />
              </dd>
            </div>
            {grant.reason ? (
              <div className="sm:col-span-2">
                <dt className="text-slate-500">Reason</dt>
                <dd className="whitespace-pre-wrap text-slate-900">{grant.reason}</dd>
              </div>
            ) : null}
          </dl>
        </li>
      ))}
    </ul>
  );
}
