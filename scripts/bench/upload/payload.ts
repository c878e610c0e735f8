/** Benchmark payloads: valid-looking PDFs (a `%PDF-` header, then random bytes) of an exact size. */
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";

const HEADER = Buffer.from("%PDF-1.7\n");

export function pdfPayload(size: number): Buffer {
  const bytes = randomBytes(size);
  HEADER.copy(bytes, 0);
  return bytes;
}

/** A `size`-byte PDF streamed in 1 MiB chunks (one random chunk repeated), so no whole copy sits in memory. */
export function pdfStream(size: number): Readable {
  const chunk = pdfPayload(1024 * 1024);
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < size; offset += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, size - offset));
    })(),
  );
}
