/**
 * The anchoring receipt a patient downloads for a document: everything a sceptic needs to check, with
 * no server in the loop, that a file they hold is the one whose commitment sits on chain. It holds no
 * names, titles or other personal data; the salt keeps the raw file hash unlinkable on chain and is
 * only disclosed to whoever the patient hands the receipt to.
 *
 * Browser-safe (no Node or server imports): the /verify page parses receipts with it too.
 */
import { z } from "zod";

export const RECEIPT_VERSION = 1;

const bytes32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be 0x followed by 64 hex digits").transform((v) => v.toLowerCase() as `0x${string}`);
const sha256Hex = z.string().regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex digits").transform((v) => v.toLowerCase());
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x address").transform((v) => v as `0x${string}`);

export const receiptSchema = z.object({
  version: z.literal(RECEIPT_VERSION),
  chainId: z.number().int().positive(),
  contract: address,
  documentId: z.uuid().optional(),
  anchorId: bytes32,
  salt: bytes32,
  /** Hex SHA-256 of the file's plaintext bytes (no 0x). */
  sha256: sha256Hex,
  commitment: bytes32,
  txHash: bytes32,
  blockNumber: z.number().int().nonnegative(),
  /** ISO 8601, UTC: the timestamp of the block that anchored the commitment. */
  blockTime: z.iso.datetime(),
  batch: z.object({ root: bytes32, proof: z.array(bytes32).max(64) }).nullable(),
});

export type AnchorReceipt = z.infer<typeof receiptSchema>;

/** Parses a receipt from JSON text; the error names the first fields that are wrong. */
export function parseReceipt(text: string): { ok: true; receipt: AnchorReceipt } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: "The receipt is not valid JSON." };
  }
  const parsed = receiptSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "receipt"} ${i.message}`);
    return { ok: false, message: `This is not a MedAnchor receipt: ${problems.join("; ")}.` };
  }
  return { ok: true, receipt: parsed.data };
}
