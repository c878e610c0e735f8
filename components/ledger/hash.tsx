import { CopyButton } from "@/components/account/copy-button";
import { shortHash } from "./labels";

/** A shortened hash (the full value on hover and through the copy button). */
export function Hash({ value, label, copy = false }: { value: string; label: string; copy?: boolean }) {
  return (
    <span className="inline-flex items-center gap-2">
      <code title={value} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">
        <span className="sr-only">{label} </span>
        {shortHash(value)}
      </code>
      {copy ? <CopyButton text={value} label="Copy" /> : null}
    </span>
  );
}
