import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { ENVELOPE_OVERHEAD_BYTES, decryptStream, encryptStream, newDataKey, unwrapDataKey, wrapDataKey } from "./envelope-encryption";

async function collect(source: Readable, transform: ReturnType<typeof encryptStream>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(source, transform, async function* (stream) {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  });
  return Buffer.concat(chunks);
}

/** A stream of `data` in uneven chunks, so the tag and IV straddle chunk boundaries. */
function chunked(data: Buffer, sizes = [1, 5, 7, 3, 1000, 64 * 1024]): Readable {
  const parts: Buffer[] = [];
  let offset = 0;
  for (let i = 0; offset < data.length; i++) {
    const size = sizes[i % sizes.length]!;
    parts.push(data.subarray(offset, offset + size));
    offset += size;
  }
  return Readable.from(parts);
}

describe("envelope encryption", () => {
  it("round-trips streams of any size, adding exactly IV and tag", async () => {
    for (const size of [0, 1, 15, 16, 17, 28, 100_000, 1_000_003]) {
      const key = newDataKey();
      const plaintext = randomBytes(size);
      const sealed = await collect(chunked(plaintext), encryptStream(key));
      expect(sealed.length).toBe(size + ENVELOPE_OVERHEAD_BYTES);
      if (size >= 16) expect(sealed.includes(plaintext.subarray(0, 16))).toBe(false);
      expect((await collect(chunked(sealed, [3, 11, 17, 2]), decryptStream(key))).equals(plaintext)).toBe(true);
    }
  });

  it("errors on a tampered, truncated or wrongly keyed object", async () => {
    const key = newDataKey();
    const plaintext = Buffer.from("The quick brown fox jumps over the lazy dog, twice over.");
    const sealed = await collect(Readable.from([plaintext]), encryptStream(key));
    for (const index of [0, 12, 20, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[index]! ^= 0x01;
      await expect(collect(Readable.from([tampered]), decryptStream(key))).rejects.toThrow(/authentication/);
    }
    await expect(collect(Readable.from([sealed.subarray(0, sealed.length - 1)]), decryptStream(key))).rejects.toThrow(/authentication/);
    await expect(collect(Readable.from([sealed.subarray(0, 20)]), decryptStream(key))).rejects.toThrow(/truncated/);
    await expect(collect(Readable.from([sealed]), decryptStream(newDataKey()))).rejects.toThrow(/authentication/);
  });

  it("wraps the data key under the master key, and refuses a wrong master key or altered wrapping", () => {
    const master = randomBytes(32);
    const dataKey = newDataKey();
    const wrapped = wrapDataKey(dataKey, master);
    expect(Buffer.from(wrapped, "base64").length).toBe(12 + 16 + 32);
    expect(unwrapDataKey(wrapped, master).equals(dataKey)).toBe(true);
    expect(() => unwrapDataKey(wrapped, randomBytes(32))).toThrow();
    const altered = Buffer.from(wrapped, "base64");
    altered[40]! ^= 0xff;
    expect(() => unwrapDataKey(altered.toString("base64"), master)).toThrow();
    expect(() => wrapDataKey(dataKey, randomBytes(16))).toThrow(/master key/);
  });
});
