import type { GrantDto } from "@/lib/grants/list-grants";

export const PERMISSION_LABEL: Record<GrantDto["permission"], string> = { READ: "Read", READ_WRITE: "Read and add documents" };

export const GRANT_STATE_LABEL: Record<GrantDto["state"], string> = { REQUESTED: "Waiting for you", ACTIVE: "Active", DENIED: "Declined", REVOKED: "Revoked", EXPIRED: "Expired" };

export const GRANT_STATE_TONE: Record<GrantDto["state"], "neutral" | "amber" | "green" | "red"> = { REQUESTED: "amber", ACTIVE: "green", DENIED: "neutral", REVOKED: "red", EXPIRED: "neutral" };

/** "All documents (also future ones)" or "2 documents". */
export function scopeText(grant: Pick<GrantDto, "allDocuments" | "documents">): string {
  if (grant.allDocuments) return "All documents, including later ones";
  return grant.documents.length === 1 ? "1 document" : `${grant.documents.length} documents`;
}

/** yyyy-mm-dd in UTC, for date inputs' defaults and limits. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
