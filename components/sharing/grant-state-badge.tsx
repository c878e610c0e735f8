import { Badge } from "@/components/admin/badge";
import type { GrantDto } from "@/lib/grants/list-grants";
import { GRANT_STATE_LABEL, GRANT_STATE_TONE } from "./grant-format";

export function GrantStateBadge({ state, requestedOfPatient = true }: { state: GrantDto["state"]; requestedOfPatient?: boolean }) {
  return <Badge tone={GRANT_STATE_TONE[state]}>{state === "REQUESTED" && !requestedOfPatient ? "Waiting for the patient" : GRANT_STATE_LABEL[state]}</Badge>;
}
