import { Badge } from "@/components/admin/badge";
import type { GrantDto } from "@/lib/grants/list-grants";

type Access = "READ" | "READ_WRITE" | null;

export const ACCESS_LABELS = { READ: "Read", READ_WRITE: "Read & write" } as const;

/** What the doctor may do with a patient's records right now. */
export function AccessBadge({ access }: { access: Access }) {
  if (!access) return <Badge>No access</Badge>;
  return <Badge tone="green">{ACCESS_LABELS[access]}</Badge>;
}

export function PendingRequestBadge() {
  return <Badge tone="amber">Request pending</Badge>;
}

const GRANT_STATE = {
  REQUESTED: { tone: "amber", label: "Waiting for the patient" },
  ACTIVE: { tone: "green", label: "Active" },
  DENIED: { tone: "red", label: "Denied" },
  REVOKED: { tone: "red", label: "Revoked" },
  EXPIRED: { tone: "neutral", label: "Expired" },
} as const;

export function GrantStateBadge({ state }: { state: GrantDto["state"] }) {
  return <Badge tone={GRANT_STATE[state].tone}>{GRANT_STATE[state].label}</Badge>;
}
