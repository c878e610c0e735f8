import "server-only";
import { documentEnv } from "@/lib/env";
import { unwrapDataKey } from "@/lib/storage/envelope-encryption";

/**
 * A document's data key. During a master key rotation (DOCUMENT_MASTER_KEY_PREVIOUS set, see
 * rotate-master-key.ts) a key not yet re-wrapped opens with the previous master key instead.
 */
export function unwrapDocumentDataKey(wrappedKey: string): Buffer {
  const { masterKey, previousMasterKey } = documentEnv();
  try {
    return unwrapDataKey(wrappedKey, masterKey);
  } catch (error) {
    if (!previousMasterKey) throw error;
    return unwrapDataKey(wrappedKey, previousMasterKey);
  }
}
