/**
 * The one verification procedure behind all three ways to verify (server, browser, command line). Pure:
 * it gets the file's SHA-256 and a reader for the contract, so it runs in Node and in the browser alike.
 *
 * Steps, each passed, failed or skipped with an explanation a patient can follow:
 *   1. fingerprint: the file's SHA-256 equals the receipt's;
 *   2. commitment:  keccak256(sha256 ‖ salt) equals the receipt's commitment;
 *   3. chain:       the contract holds that commitment (single anchor), or the batch root is anchored and
 *                   the Merkle proof leads from this document's leaf to it (checked locally and on chain);
 *   4. time:        the block the receipt names carries the anchoring time the contract recorded.
 * Later steps still run after a failure where they can (a changed file does not make the receipt's own
 * anchoring any less checkable), so a user sees everything that holds and everything that does not.
 */
import { encodePacked, keccak256, type Hex } from "viem";
import { commitmentHead } from "@/contracts/document-record";
import { batchLeaf, verifyBatchProof } from "@/contracts/merkle";
import type { AnchorReceipt } from "./receipt-schema";

/** "storage" is the server's own first step (reading and decrypting the stored object). */
export type StepId = "storage" | "fingerprint" | "commitment" | "chain" | "time";
export type StepStatus = "passed" | "failed" | "skipped";

export interface VerificationStep {
  id: StepId;
  title: string;
  status: StepStatus;
  explanation: string;
}

export interface VerificationReport {
  /** True only when every step passed. */
  verified: boolean;
  steps: VerificationStep[];
  /** The first step that did not pass, if any. */
  firstProblem: VerificationStep | null;
}

/** Read-only access to the MedAnchor contract named by the receipt (viem on the server and CLI, wagmi in the browser). */
export interface AnchorReader {
  chainId(): Promise<number>;
  /** The first 24 bytes of the commitment anchored under `id` (what the contract stores) and when. */
  getDocument(id: Hex): Promise<readonly [commitmentHead: Hex, anchoredAt: bigint]>;
  getBatch(root: Hex): Promise<readonly [count: number, anchoredAt: bigint]>;
  verifyBatchInclusion(root: Hex, leaf: Hex, proof: readonly Hex[]): Promise<boolean>;
  /** The timestamp (seconds) of a block, or null when the node does not have that block. */
  blockTimestamp(blockNumber: bigint): Promise<bigint | null>;
}

export interface VerifyOptions {
  /**
   * What the expected fingerprint comes from, for the explanations: a receipt the user holds, or the
   * records the server keeps (server-side verification).
   */
  source?: "receipt" | "records";
}


const utc = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");

/** keccak256(abi.encodePacked(bytes32 sha256, bytes32 salt)), as lib/anchors/commitment.ts computes it for anchoring. */
export function commitmentOf(sha256Hex: string, salt: Hex): Hex {
  return keccak256(encodePacked(["bytes32", "bytes32"], [`0x${sha256Hex.replace(/^0x/, "")}`, salt]));
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error);
  return message.split("\n")[0]!.slice(0, 200);
}

/** Step 1 on its own: the server uses it too before a document is anchored. */
export function fingerprintStep(fileSha256: string, expectedSha256: string, options: VerifyOptions = {}): VerificationStep {
  const actual = fileSha256.toLowerCase().replace(/^0x/, "");
  const expected = expectedSha256.toLowerCase();
  const title = "File fingerprint";
  if (options.source === "records") {
    return actual === expected
      ? { id: "fingerprint", title, status: "passed", explanation: `The stored file's SHA-256 (${actual}) equals the fingerprint recorded when it was uploaded.` }
      : { id: "fingerprint", title, status: "failed", explanation: `The stored file's fingerprint (${actual}) does not match the one recorded when it was uploaded (${expected}): the stored file or its record was changed.` };
  }
  return actual === expected
    ? { id: "fingerprint", title, status: "passed", explanation: `The file's SHA-256 (${actual}) equals the receipt's.` }
    : { id: "fingerprint", title, status: "failed", explanation: `The file's fingerprint does not match the receipt: the file was changed or it is a different file. (File SHA-256 ${actual}, receipt ${expected}.)` };
}

export async function verifyReceipt(fileSha256: string, receipt: AnchorReceipt, reader: AnchorReader, options: VerifyOptions = {}): Promise<VerificationReport> {
  const fromRecords = options.source === "records";
  const steps: VerificationStep[] = [];
  steps.push(fingerprintStep(fileSha256, receipt.sha256, options));

  const commitment = commitmentOf(receipt.sha256, receipt.salt);
  const commitmentHolds = commitment === receipt.commitment;
  steps.push(
    commitmentHolds
      ? { id: "commitment", title: "Commitment", status: "passed", explanation: `keccak256(fingerprint ‖ salt) gives ${commitment}, the commitment ${fromRecords ? "recorded for anchoring" : "in the receipt"}.` }
      : {
          id: "commitment",
          title: "Commitment",
          status: "failed",
          explanation: `keccak256(fingerprint ‖ salt) gives ${commitment}, not the commitment ${fromRecords ? "recorded for anchoring" : "in the receipt"} (${receipt.commitment}): the ${fromRecords ? "record" : "receipt"} was altered.`,
        },
  );

  const chain = await chainStep(receipt, reader);
  steps.push(chain.step);
  steps.push(await timeStep(receipt, reader, chain.anchoredAt));

  return reportOf(steps);
}

export function reportOf(steps: VerificationStep[]): VerificationReport {
  const firstProblem = steps.find((s) => s.status !== "passed") ?? null;
  return { verified: firstProblem === null, steps, firstProblem };
}

async function chainStep(receipt: AnchorReceipt, reader: AnchorReader): Promise<{ step: VerificationStep; anchoredAt: bigint | null }> {
  const failed = (explanation: string) => ({ step: { id: "chain" as const, title: "On chain", status: "failed" as const, explanation }, anchoredAt: null });
  try {
    const chainId = await reader.chainId();
    if (chainId !== receipt.chainId) return failed(`The node answers for chain ${chainId}, but the receipt is for chain ${receipt.chainId}: connect to a node of chain ${receipt.chainId}.`);

    if (receipt.batch) {
      const { root, proof } = receipt.batch;
      const leaf = batchLeaf(receipt.anchorId, receipt.commitment);
      if (!verifyBatchProof(root, leaf, proof)) return failed("The receipt's Merkle proof does not lead from this document's commitment to the batch root: the receipt was altered.");
      const [count, anchoredAt] = await reader.getBatch(root);
      if (anchoredAt === 0n) return failed(`The contract ${receipt.contract} has no batch with root ${root}: it was never anchored there (or this is not the right contract or chain).`);
      if (!(await reader.verifyBatchInclusion(root, leaf, proof))) return failed("The contract does not accept the Merkle proof for this batch root.");
      return {
        step: { id: "chain", title: "On chain", status: "passed", explanation: `The contract ${receipt.contract} holds batch ${root} (${count} documents) and confirms this document's commitment is in it.` },
        anchoredAt,
      };
    }

    const [onChain, anchoredAt] = await reader.getDocument(receipt.anchorId);
    if (anchoredAt === 0n) return failed(`The contract ${receipt.contract} has no record under id ${receipt.anchorId}: it was never anchored there (or this is not the right contract or chain).`);
    if (onChain.toLowerCase() !== commitmentHead(receipt.commitment as Hex)) return failed(`The contract holds a different commitment (beginning ${onChain}) under id ${receipt.anchorId}: this receipt does not describe what was anchored.`);
    return { step: { id: "chain", title: "On chain", status: "passed", explanation: `The contract ${receipt.contract} holds this commitment under id ${receipt.anchorId}.` }, anchoredAt };
  } catch (error) {
    return failed(`The chain could not be read (${describeError(error)}). Check the RPC URL and that the node is reachable.`);
  }
}

async function timeStep(receipt: AnchorReceipt, reader: AnchorReader, anchoredAt: bigint | null): Promise<VerificationStep> {
  const title = "Anchoring time";
  if (anchoredAt === null) return { id: "time", title, status: "skipped", explanation: "Not checked: the record on chain could not be confirmed." };
  const claimed = BigInt(Math.floor(Date.parse(receipt.blockTime) / 1000));
  if (anchoredAt !== claimed) return { id: "time", title, status: "failed", explanation: `The contract recorded the anchoring at ${utc(anchoredAt)}, but the receipt says ${utc(claimed)}: the receipt was altered.` };
  try {
    const timestamp = await reader.blockTimestamp(BigInt(receipt.blockNumber));
    if (timestamp === null) return { id: "time", title, status: "failed", explanation: `The node has no block ${receipt.blockNumber}, the block the receipt names.` };
    if (timestamp !== anchoredAt) return { id: "time", title, status: "failed", explanation: `Block ${receipt.blockNumber} is from ${utc(timestamp)}, not from when the contract recorded the anchoring (${utc(anchoredAt)}): the receipt names the wrong block.` };
  } catch (error) {
    return { id: "time", title, status: "failed", explanation: `Block ${receipt.blockNumber} could not be read (${describeError(error)}).` };
  }
  return { id: "time", title, status: "passed", explanation: `Anchored at ${utc(anchoredAt)} UTC in block ${receipt.blockNumber}: the file existed, unaltered, at that time.` };
}
