import "server-only";
import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { decryptStream } from "@/lib/storage/envelope-encryption";
import { getObjectStream } from "@/lib/storage/object-storage";
import { unwrapDocumentDataKey } from "./document-data-key";

/** Streams the stored object through decryption into SHA-256; never holds the file in memory. */
export async function hashStoredObject(storageKey: string, wrappedKey: string): Promise<{ sha256: string; size: number } | { problem: string }> {
  const object = await getObjectStream(storageKey);
  if (!object) return { problem: "The stored file is missing from storage." };
  const hash = createHash("sha256");
  let size = 0;
  try {
    await pipeline(
      object,
      decryptStream(unwrapDocumentDataKey(wrappedKey)),
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          size += chunk.length;
          callback();
        },
      }),
    );
  } catch {
    return { problem: "The stored file was altered: it no longer decrypts (its authentication tag does not verify)." };
  }
  return { sha256: hash.digest("hex"), size };
}
