import { Badge } from "@/components/admin/badge";
import type { AnchorStatus, DocumentStateValue } from "@/lib/documents/list-documents";
import { ANCHOR_LABELS } from "./format";

const STATE = { STORED: { tone: "green", label: "Stored" }, FAILED: { tone: "red", label: "Failed" }, UPLOADING: { tone: "amber", label: "Uploading" } } as const;

export function DocumentStateBadge({ state }: { state: DocumentStateValue }) {
  return <Badge tone={STATE[state].tone}>{STATE[state].label}</Badge>;
}

/** The scrub's verdict, only when something is wrong. */
export function IntegrityBadge({ problem }: { problem: string | null }) {
  return problem ? <Badge tone="red">Integrity check failed</Badge> : null;
}

/** Anchoring only applies to stored documents. */
export function AnchorBadge({ state, anchor }: { state: DocumentStateValue; anchor: AnchorStatus }) {
  if (state !== "STORED") return null;
  return <Badge tone={anchor === "CONFIRMED" ? "green" : anchor === "FAILED" ? "red" : "neutral"}>{ANCHOR_LABELS[anchor]}</Badge>;
}
