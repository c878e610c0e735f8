/** What scripts/check-invariants.ts reports: one entry per broken promise, never personal data. */
export type Invariant =
  | "stored-document-object"
  | "object-without-row"
  | "anchor-matches-chain"
  | "duplicate-appointment"
  | "duplicate-anchor-transaction"
  | "outbox-confirmed";

export interface Violation {
  invariant: Invariant;
  /** The row id, storage key or chain key concerned. */
  subject: string;
  detail: string;
}

/** Only rows (and objects) created at or after `since` are checked: a fault run, or one test, judges its own data. */
export interface InvariantScope {
  since: Date;
}
