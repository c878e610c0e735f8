/**
 * Envelope encryption for stored documents.
 *
 * Each document gets a fresh random 32-byte data key. Its bytes are sealed with AES-256-GCM as a stream;
 * the stored object's format is
 *
 *   [12-byte IV][ciphertext, same length as the plaintext][16-byte GCM tag]
 *
 * so an object is exactly plaintext size + 28 bytes. Decryption holds back the last 16 bytes it has seen
 * (the tag), and only emits the final chunk after `decipher.final()` verified the tag: a truncated or
 * tampered object ends the stream with an error.
 *
 * The data key is wrapped with the master key (AES-256-GCM as well) and stored next to the document row
 * as base64 of [12-byte IV][16-byte tag][32-byte ciphertext]. Destroying the wrapped key makes the object
 * unreadable (crypto-shredding).
 */
import { createCipheriv, createDecipheriv, randomBytes, type DecipherGCM } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

export const DATA_KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
/** What encryption adds to the plaintext size. */
export const ENVELOPE_OVERHEAD_BYTES = IV_BYTES + TAG_BYTES;

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

function checkKey(key: Buffer, what: string) {
  if (key.length !== DATA_KEY_BYTES) throw new Error(`${what} must be ${DATA_KEY_BYTES} bytes`);
}

/** base64(iv | tag | ciphertext) of the data key under the master key. */
export function wrapDataKey(dataKey: Buffer, masterKey: Buffer): string {
  checkKey(dataKey, "data key");
  checkKey(masterKey, "master key");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", masterKey, iv);
  const sealed = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64");
}

/** The data key; throws when the master key is wrong or the wrapped key was altered. */
export function unwrapDataKey(wrapped: string, masterKey: Buffer): Buffer {
  checkKey(masterKey, "master key");
  const bytes = Buffer.from(wrapped, "base64");
  if (bytes.length !== IV_BYTES + TAG_BYTES + DATA_KEY_BYTES) throw new Error("wrapped key has the wrong length");
  const decipher = createDecipheriv("aes-256-gcm", masterKey, bytes.subarray(0, IV_BYTES));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** Plaintext in, [IV][ciphertext][tag] out. */
export function encryptStream(dataKey: Buffer): Transform {
  checkKey(dataKey, "data key");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", dataKey, iv);
  let headerSent = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (!headerSent) {
        headerSent = true;
        this.push(iv);
      }
      const out = cipher.update(chunk);
      callback(null, out.length > 0 ? out : undefined);
    },
    flush(callback: TransformCallback) {
      if (!headerSent) this.push(iv);
      const rest = cipher.final();
      if (rest.length > 0) this.push(rest);
      callback(null, cipher.getAuthTag());
    },
  });
}

/**
 * [IV][ciphertext][tag] in, plaintext out; errors at the end when the tag does not verify. `readAheadBytes`
 * is how much plaintext may wait for its reader before reading the source pauses.
 */
export function decryptStream(dataKey: Buffer, options: { readAheadBytes?: number } = {}): Transform {
  checkKey(dataKey, "data key");
  let header = Buffer.alloc(0);
  let decipher: DecipherGCM | null = null;
  // The last TAG_BYTES seen so far: they may be the tag, so they are not deciphered yet.
  let tail = Buffer.alloc(0);
  return new Transform({
    readableHighWaterMark: options.readAheadBytes,
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      let data = chunk;
      if (!decipher) {
        header = Buffer.concat([header, data]);
        if (header.length < IV_BYTES) return callback();
        decipher = createDecipheriv("aes-256-gcm", dataKey, header.subarray(0, IV_BYTES));
        data = header.subarray(IV_BYTES);
        header = Buffer.alloc(0);
      }
      if (data.length < TAG_BYTES) {
        // A tiny chunk: joining it to the held-back bytes copies at most 2 × TAG_BYTES.
        const combined = Buffer.concat([tail, data]);
        tail = Buffer.from(combined.subarray(Math.max(0, combined.length - TAG_BYTES)));
        const out = decipher.update(combined.subarray(0, combined.length - tail.length));
        return callback(null, out.length > 0 ? out : undefined);
      }
      // The held-back bytes were not the tag after all: decipher them, then all but this chunk's last
      // TAG_BYTES, without first copying the chunk into a joined buffer.
      const before = tail.length > 0 ? decipher.update(tail) : null;
      const out = decipher.update(data.subarray(0, data.length - TAG_BYTES));
      tail = Buffer.from(data.subarray(data.length - TAG_BYTES));
      if (before && before.length > 0) this.push(before);
      callback(null, out.length > 0 ? out : undefined);
    },
    flush(callback: TransformCallback) {
      if (!decipher || tail.length !== TAG_BYTES) return callback(new Error("encrypted object is truncated"));
      try {
        decipher.setAuthTag(tail);
        const rest = decipher.final();
        callback(null, rest.length > 0 ? rest : undefined);
      } catch {
        callback(new Error("encrypted object failed authentication"));
      }
    },
  });
}
