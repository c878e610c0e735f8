/**
 * What the ledger pages receive: plain data, no ORM types. Block numbers and balances are decimal
 * strings (bigints do not cross into client components).
 */
export type AnchorKindDto = "DOCUMENT" | "GRANT" | "ATTESTATION" | "AUDIT_HEAD";
export type AnchorActionDto = "RECORD" | "REVOKE" | "EXPIRE";
export type AnchorStateDto = "PENDING" | "SENT" | "CONFIRMED" | "FAILED";

/** What an anchor stands for, as far as the viewer may know: owners see titles and names, admins ids only. */
export type AnchoredSubjectDto =
  | { type: "document"; id: string; title: string }
  | { type: "grant"; id: string; doctorName: string }
  | { type: "id"; kind: AnchorKindDto; id: string };

export interface PatientLedgerEntryDto {
  id: string;
  kind: "DOCUMENT" | "GRANT";
  action: AnchorActionDto;
  state: AnchorStateDto;
  subject: AnchoredSubjectDto;
  anchorId: string;
  txHash: string | null;
  blockNumber: string | null;
  blockTime: Date | null;
  createdAt: Date;
  confirmedAt: Date | null;
  /** The Merkle root the row was anchored under, when it went out in a batch. */
  batchRoot: string | null;
}

export type LedgerEventName = "DocumentAnchored" | "BatchAnchored" | "GrantSet" | "GrantRevoked" | "DoctorAttested" | "AttestationRevoked";

/** One outbox row an event settles, with the subject the viewer may see (null: not theirs). */
export interface LedgerEventAnchorDto {
  kind: AnchorKindDto;
  action: AnchorActionDto;
  state: AnchorStateDto;
  subject: AnchoredSubjectDto | null;
}

export interface LedgerEventDto {
  name: LedgerEventName;
  txHash: string;
  logIndex: number;
  /** The anchor id (documents, grants, attestations) or the batch root. */
  key: string;
  /** Batches: how many leaves the root commits to. */
  count: number | null;
  /** Whether the event settles any of our outbox rows (false: the chain holds something the database does not know). */
  recorded: boolean;
  /** The rows it settles that the viewer may see: all of them for admins, only their own for patients. */
  anchors: LedgerEventAnchorDto[];
  /** True when at least one of the rows is the viewer's own (patients) — highlighted on the page. */
  mine: boolean;
}

export interface LedgerBlockDto {
  number: string;
  hash: string;
  time: Date;
  transactionCount: number;
  events: LedgerEventDto[];
}

export interface RecentBlocksDto {
  chainId: number;
  contractAddress: string;
  head: string;
  blocks: LedgerBlockDto[];
}

export interface FailedAnchorDto {
  id: string;
  kind: AnchorKindDto;
  action: AnchorActionDto;
  subjectId: string;
  anchorId: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type ChainStatusDto =
  | {
      status: "up";
      chainId: number;
      blockNumber: string;
      latestBlockTime: Date;
      contractAddress: string;
      anchoringAccount: string;
      /** Wei, as a decimal string. */
      balanceWei: string;
    }
  | { status: "down"; contractAddress: string; anchoringAccount: string; error: string };

export interface AnchorQueueHealthDto {
  counts: Record<AnchorStateDto, number>;
  /** PENDING rows that failed at least once and wait for their next try. */
  retrying: number;
  oldestPendingAt: Date | null;
  oldestPendingAgeMs: number | null;
  /** Commit to confirmation over the latest confirmed rows (null when none were confirmed yet). */
  lagP50Ms: number | null;
  lagP95Ms: number | null;
  lagSampleSize: number;
  transactionsInFlight: number;
  failed: FailedAnchorDto[];
  chain: ChainStatusDto;
  checkedAt: Date;
}
