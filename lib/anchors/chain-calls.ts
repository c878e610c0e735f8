import { encodeFunctionData, type Hex } from "viem";
import { buildBatch } from "@/contracts/merkle";
import { medAnchorAbi } from "@/lib/chain/generated/med-anchor-artifact";

/** What the worker claims from the outbox. */
export interface OutboxRow {
  id: string;
  kind: "DOCUMENT" | "GRANT" | "ATTESTATION" | "AUDIT_HEAD";
  action: "RECORD" | "REVOKE" | "EXPIRE";
  anchorId: string;
  commitment: string;
  validFrom: Date | null;
  validUntil: Date | null;
}

/** One transaction to sign: the contract call and the rows it settles (with batch proofs, if any). */
export interface PlannedCall {
  method: "anchorDocument" | "anchorBatch" | "setGrant" | "revokeGrant" | "attestDoctor" | "revokeAttestation";
  /** The ABI-encoded call; `args` are kept for gas estimation, which decodes reverts by name. */
  data: Hex;
  args: readonly unknown[];
  rows: { id: string; batchRoot?: Hex; proof?: Hex[] }[];
}

/** Below this many waiting documents each is anchored on its own; from here on, one Merkle batch. */
export const BATCH_MIN_DOCUMENTS = 4;
/** The largest batch (the gas and proof-size trade-off the benchmark measures). */
export const BATCH_MAX_DOCUMENTS = 256;

const seconds = (date: Date | null) => BigInt(Math.floor((date?.getTime() ?? 0) / 1000));

function call(method: PlannedCall["method"], args: readonly unknown[], rows: PlannedCall["rows"]): PlannedCall {
  const data = encodeFunctionData({ abi: medAnchorAbi, functionName: method, args } as Parameters<typeof encodeFunctionData>[0]);
  return { method, data, args, rows };
}

/** The call for a single row (documents on their own, grants, attestations); null for EXPIRE (no transaction). */
export function singleCall(row: OutboxRow): PlannedCall | null {
  const id = row.anchorId as Hex;
  const commitment = row.commitment as Hex;
  const rows = [{ id: row.id }];
  // The audit chain's head is a commitment like a document's.
  if ((row.kind === "DOCUMENT" || row.kind === "AUDIT_HEAD") && row.action === "RECORD") return call("anchorDocument", [id, commitment], rows);
  if (row.kind === "GRANT" && row.action === "RECORD") return call("setGrant", [id, commitment, seconds(row.validFrom), seconds(row.validUntil)], rows);
  if (row.kind === "GRANT" && row.action === "REVOKE") return call("revokeGrant", [id], rows);
  if (row.kind === "ATTESTATION" && row.action === "RECORD") return call("attestDoctor", [id, commitment, seconds(row.validUntil)], rows);
  if (row.kind === "ATTESTATION" && row.action === "REVOKE") return call("revokeAttestation", [id], rows);
  return null;
}

/** Many documents in one anchorBatch: the root on chain, each row keeping its inclusion proof. */
export function batchCall(rows: OutboxRow[]): PlannedCall {
  const batch = buildBatch(rows.map((row) => ({ id: row.anchorId as Hex, commitment: row.commitment as Hex })));
  return call(
    "anchorBatch",
    [batch.root, batch.count],
    rows.map((row, index) => ({ id: row.id, batchRoot: batch.root, proof: batch.proofs[index] })),
  );
}
