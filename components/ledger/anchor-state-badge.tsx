import { Badge } from "@/components/admin/badge";
import type { AnchorStateDto } from "@/lib/ledger/dtos";
import { ANCHOR_STATE_LABEL } from "./labels";

const TONE = { PENDING: "amber", SENT: "amber", CONFIRMED: "green", FAILED: "red" } as const;

export function AnchorStateBadge({ state }: { state: AnchorStateDto }) {
  return <Badge tone={TONE[state]}>{ANCHOR_STATE_LABEL[state]}</Badge>;
}
