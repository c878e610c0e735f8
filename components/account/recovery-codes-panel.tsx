"use client";

import Link from "next/link";
import { useCallback } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { CopyButton } from "./copy-button";

/** Freshly issued recovery codes, shown this once, with ways to keep them. */
export function RecoveryCodesPanel({ codes, continueHref, continueLabel }: { codes: string[]; continueHref: string; continueLabel: string }) {
  const text = `MedAnchor recovery codes\nEach code signs you in once if you can't use your authenticator app.\n\n${codes.join("\n")}\n`;

  const download = useCallback(() => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "medanchor-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
  }, [text]);

  return (
    <div className="space-y-5">
      <Alert tone="warning" title="Save these codes now">
        If you lose your phone, each code below signs you in once in place of an authenticator code. Store them somewhere safe, such as a
        password manager or a printed copy kept at home. They will not be shown again.
      </Alert>
      <ol aria-label="Recovery codes" className="grid grid-cols-1 gap-2 rounded-lg border border-slate-200 bg-slate-50 p-4 font-mono text-base tracking-wider text-slate-900 sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code} className="rounded bg-white px-3 py-1.5 text-center shadow-sm">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        <CopyButton text={codes.join("\n")} label="Copy codes" />
        <Button type="button" variant="secondary" onClick={download}>
          Download as a text file
        </Button>
      </div>
      <div className="border-t border-slate-200 pt-5">
        <Link href={continueHref} className={buttonClasses("primary")}>
          {continueLabel}
        </Link>
      </div>
    </div>
  );
}
