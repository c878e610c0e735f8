import Link from "next/link";
import { LocalTime } from "@/components/appointments/local-time";
import type { FormState } from "@/components/forms/form-state";
import { ConfirmDialogForm } from "@/components/ui/confirm-dialog-form";
import type { GrantDto } from "@/lib/grants/list-grants";
import { PERMISSION_LABEL, scopeText } from "./grant-format";
import { GrantStateBadge } from "./grant-state-badge";

interface Props {
  grants: GrantDto[];
  revoke: (previous: FormState, formData: FormData) => Promise<FormState>;
  /** The page to come back to after revoking (it shows the confirmation). */
  returnTo: string;
}

/** The patient's grants: doctor, documents, permission, window and state; active ones can be revoked. */
export function PatientGrantList({ grants, revoke, returnTo }: Props) {
  return (
    <ul aria-label="Access you have given" className="divide-y divide-slate-200">
      {grants.map((grant) => (
        <li key={grant.id} className="py-4 first:pt-0 last:pb-0">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0 space-y-1">
              <p className="font-medium text-slate-900">
                Dr. {grant.doctor.name} <span className="font-normal text-slate-600">· {grant.doctor.specialty}</span>
              </p>
              <p className="text-sm text-slate-700">
                {PERMISSION_LABEL[grant.permission]} · {scopeText(grant)}
              </p>
              {!grant.allDocuments && grant.documents.length > 0 ? (
                <p className="text-sm text-slate-600">
                  {grant.documents.map((doc, index) => (
                    <span key={doc.id}>
                      {index > 0 ? ", " : ""}
                      <Link href={`/patient/documents/${doc.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                        {doc.title}
                      </Link>
                    </span>
                  ))}
                </p>
              ) : null}
              <p className="text-sm text-slate-600">
                {grant.notBefore && grant.notAfter ? (
                  <>
                    From <LocalTime startsAt={grant.notBefore.toISOString()} /> until <LocalTime startsAt={grant.notAfter.toISOString()} />
                  </>
                ) : (
                  <>
                    Asked <LocalTime startsAt={grant.createdAt.toISOString()} />
                  </>
                )}
                {grant.endedAt && grant.state !== "ACTIVE" ? (
                  <>
                    {" "}
                    · ended <LocalTime startsAt={grant.endedAt.toISOString()} />
                  </>
                ) : null}
              </p>
            </div>
            <div className="flex flex-col items-end gap-2">
              <GrantStateBadge state={grant.state} />
              {grant.state === "ACTIVE" ? <span className="text-xs text-slate-600">{grant.ledger === "CONFIRMED" ? "Recorded on the ledger" : "Being recorded on the ledger"}</span> : null}
              {grant.state === "ACTIVE" ? (
                <ConfirmDialogForm
                  action={revoke}
                  hidden={{ grantId: grant.id, returnTo }}
                  triggerLabel="Revoke"
                  triggerContext={`access of Dr. ${grant.doctor.name}`}
                  triggerVariant="secondary"
                  variant="danger"
                  title="Revoke access?"
                  description={`Dr. ${grant.doctor.name} loses access at once; the revocation is recorded on chain.`}
                  confirmLabel="Revoke access"
                  pendingLabel="Revoking…"
                />
              ) : null}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
