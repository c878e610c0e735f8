"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `text` to the clipboard and says so (politely, to screen readers too). */
export function CopyButton({ text, label = "Copy", copiedLabel = "Copied" }: { text: string; label?: string; copiedLabel?: string }) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (status === "idle") return;
    const timer = setTimeout(() => setStatus("idle"), 2500);
    return () => clearTimeout(timer);
  }, [status]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("copied");
    } catch {
      setStatus("failed");
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button type="button" variant="secondary" onClick={copy}>
        {status === "copied" ? copiedLabel : label}
      </Button>
      <span role="status" aria-live="polite" className={status === "failed" ? "text-xs text-red-700" : "sr-only"}>
        {status === "copied" ? "Copied to the clipboard." : status === "failed" ? "Couldn't copy. Select the text and copy it yourself." : ""}
      </span>
    </span>
  );
}
