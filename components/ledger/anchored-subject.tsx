import Link from "next/link";
import type { AnchoredSubjectDto } from "@/lib/ledger/dtos";
import { ANCHOR_KIND_LABEL } from "./labels";

/** What an anchor stands for: a link to the patient's own document or sharing page, else kind and id. */
export function AnchoredSubject({ subject }: { subject: AnchoredSubjectDto }) {
  if (subject.type === "document")
    return (
      <Link href={`/patient/documents/${subject.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
        {subject.title}
      </Link>
    );
  if (subject.type === "grant")
    return (
      <Link href="/patient/sharing" className="font-medium text-brand-700 underline-offset-2 hover:underline">
        Access for {subject.doctorName}
      </Link>
    );
  return (
    <span>
      {ANCHOR_KIND_LABEL[subject.kind]} <code className="font-mono text-xs text-slate-700">{subject.id}</code>
    </span>
  );
}
