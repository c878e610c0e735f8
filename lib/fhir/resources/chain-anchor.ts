import "server-only";
import type { Extension } from "@medplum/fhirtypes";
import { serverEnv } from "@/lib/env";
import type { DocumentAnchorRow } from "./document-repository";

export const CHAIN_ANCHOR_EXTENSION = "https://medanchor.example/fhir/StructureDefinition/chain-anchor";

const FHIR_INTEGER_MAX = 2_147_483_647;

/** Where the anchoring stands: queued or sent (pending), in a block (confirmed), or given up (failed). */
function anchorState(state: DocumentAnchorRow["state"]): "pending" | "confirmed" | "failed" {
  if (state === "CONFIRMED") return "confirmed";
  return state === "FAILED" ? "failed" : "pending";
}

/**
 * The document's SHA-256 (hex) and its chain anchor, enough to check it with the receipt verifier: chain
 * id, contract, anchor id, state, and once confirmed the transaction, block and (batched documents) the
 * Merkle root. FHIR R4 integers are 32-bit and it has no integer64: block numbers are decimal strings,
 * and a chain id goes as valueInteger only while it fits (every chain we run on does), else as a string.
 */
export function chainAnchorExtension(sha256: string | null, anchor: DocumentAnchorRow | null | undefined): Extension {
  const { chainId, contractAddress } = serverEnv().chain;
  const parts: Extension[] = [];
  if (sha256) parts.push({ url: "sha256", valueString: sha256 });
  parts.push(chainId <= FHIR_INTEGER_MAX ? { url: "chainId", valueInteger: chainId } : { url: "chainId", valueString: String(chainId) });
  parts.push({ url: "contract", valueString: contractAddress });
  if (anchor) {
    parts.push({ url: "anchorId", valueString: anchor.anchorId }, { url: "state", valueCode: anchorState(anchor.state) });
    if (anchor.state === "CONFIRMED") {
      if (anchor.txHash) parts.push({ url: "txHash", valueString: anchor.txHash });
      if (anchor.blockNumber !== null) parts.push({ url: "blockNumber", valueString: anchor.blockNumber.toString() });
      if (anchor.blockTime) parts.push({ url: "blockTime", valueInstant: anchor.blockTime.toISOString() });
      if (anchor.batchRoot) parts.push({ url: "batchRoot", valueString: anchor.batchRoot });
    }
  }
  return { url: CHAIN_ANCHOR_EXTENSION, extension: parts };
}
