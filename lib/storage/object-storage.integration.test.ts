import { createHash, randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { deleteObject, getObjectStream, headObject, putObjectStream } from "./object-storage";

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

describe("object storage adapter (real S3 server)", () => {
  it("round-trips a multi-part stream byte for byte", async () => {
    const key = `test/${randomUUID()}`;
    const bytes = randomBytes(20 * 1024 * 1024 + 17);
    await putObjectStream(key, Readable.from([bytes.subarray(0, 5_000_000), bytes.subarray(5_000_000)]));

    const head = await headObject(key);
    expect(head?.size).toBe(bytes.length);
    const stream = await getObjectStream(key);
    expect(stream).not.toBeNull();
    expect(await sha256Of(stream!)).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("reports a missing object as null and deletes objects", async () => {
    const key = `test/${randomUUID()}`;
    expect(await headObject(key)).toBeNull();
    expect(await getObjectStream(key)).toBeNull();

    await putObjectStream(key, Buffer.from("x"));
    expect(await headObject(key)).not.toBeNull();
    await deleteObject(key);
    expect(await headObject(key)).toBeNull();
  });
});
