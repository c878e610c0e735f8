import type { AnchorActionDto, AnchorKindDto, AnchorStateDto, LedgerEventName } from "@/lib/ledger/dtos";

export const ANCHOR_STATE_LABEL: Record<AnchorStateDto, string> = { PENDING: "Waiting", SENT: "Sent", CONFIRMED: "Confirmed", FAILED: "Failed" };

export const ANCHOR_KIND_LABEL: Record<AnchorKindDto, string> = { DOCUMENT: "Document", GRANT: "Access grant", ATTESTATION: "Doctor attestation", AUDIT_HEAD: "Audit trail head" };

/** What a patient's row records on chain, by kind and action. */
export function anchorActionLabel(kind: AnchorKindDto, action: AnchorActionDto): string {
  if (kind === "GRANT") return action === "RECORD" ? "Access granted" : action === "REVOKE" ? "Access revoked" : "Access expired";
  if (kind === "ATTESTATION") return action === "RECORD" ? "Doctor attested" : action === "REVOKE" ? "Attestation revoked" : "Attestation expired";
  return action === "RECORD" ? "Fingerprint recorded" : action === "REVOKE" ? "Revoked" : "Expired";
}

export const EVENT_LABEL: Record<LedgerEventName, string> = {
  DocumentAnchored: "Document anchored",
  BatchAnchored: "Batch anchored",
  GrantSet: "Grant set",
  GrantRevoked: "Grant revoked",
  DoctorAttested: "Doctor attested",
  AttestationRevoked: "Attestation revoked",
};

/** 0x1234…abcd: enough to tell hashes apart on screen; the full value is in the title and the copy button. */
export function shortHash(hash: string, head = 6, tail = 4): string {
  return hash.length <= head + tail + 1 ? hash : `${hash.slice(0, head)}…${hash.slice(-tail)}`;
}

/** "2.4 s", "3 min", "1 h 5 min": durations for queue ages and lag. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d`;
}

/** Wei as ether with four decimals (the anchoring account's balance). */
export function formatEther(wei: string): string {
  const value = BigInt(wei);
  const whole = value / 10n ** 18n;
  const fraction = ((value % 10n ** 18n) * 10_000n) / 10n ** 18n;
  return `${whole.toLocaleString("en-GB")}.${fraction.toString().padStart(4, "0")} ETH`;
}
