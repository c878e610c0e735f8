import type { Hex } from "viem";

/**
 * The contract keeps a document's commitment in one storage slot with its time: only the first 24 bytes
 * (`bytes24(commitment)`), which is what `getDocument` returns. Compare a full commitment through this.
 */
export function commitmentHead(commitment: Hex): Hex {
  return commitment.slice(0, 2 + 48).toLowerCase() as Hex;
}
