"use client";

import { useId, useState } from "react";

interface Props {
  documents: { id: string; title: string }[];
  /** Whether "all documents" may be chosen (a doctor who asked for chosen ones cannot be given all). */
  allowAll: boolean;
  defaultScope: "all" | "chosen";
  defaultChosen?: string[];
  errors?: string[];
}

/** All documents, or a checklist of the patient's own; the server checks every id again. */
export function DocumentPicker({ documents, allowAll, defaultScope, defaultChosen = [], errors }: Props) {
  const id = useId();
  const [scope, setScope] = useState<"all" | "chosen">(allowAll ? defaultScope : "chosen");
  return (
    <fieldset className="space-y-2" aria-describedby={errors?.length ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">Documents</legend>
      {allowAll ? (
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} />
          All my documents, including ones added later
        </label>
      ) : null}
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="radio" name="scope" value="chosen" checked={scope === "chosen"} onChange={() => setScope("chosen")} />
        Only the documents I choose
      </label>
      {scope === "chosen" ? (
        documents.length === 0 ? (
          <p className="text-sm text-slate-600">You have no stored documents yet.</p>
        ) : (
          <ul className="max-h-48 space-y-1 overflow-y-auto rounded-lg border border-slate-200 p-3">
            {documents.map((doc) => (
              <li key={doc.id}>
                <label className="flex items-center gap-2 text-sm text-slate-800">
                  <input type="checkbox" name="documentIds" value={doc.id} defaultChecked={defaultChosen.includes(doc.id)} />
                  {doc.title}
                </label>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
