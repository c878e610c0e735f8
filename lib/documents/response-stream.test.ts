import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { toWebStream } from "./response-stream";

async function readAll(body: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  return chunks;
}

describe("toWebStream", () => {
  it("hands on everything buffered as one chunk, and the bytes in order", async () => {
    const source = new PassThrough({ readableHighWaterMark: 1024 * 1024 });
    for (let i = 0; i < 10; i += 1) source.write(Buffer.alloc(64 * 1024, i));
    const reader = toWebStream(source).getReader();
    const first = await reader.read();
    expect(first.value?.byteLength).toBe(10 * 64 * 1024);
    source.end(Buffer.from("tail"));
    const second = await reader.read();
    expect(Buffer.from(second.value!).toString()).toBe("tail");
    expect((await reader.read()).done).toBe(true);
    expect(Buffer.from(first.value!.subarray(64 * 1024 * 3, 64 * 1024 * 3 + 1))[0]).toBe(3);
  });

  it("waits for bytes that are not there yet, and ends with an empty source too", async () => {
    const source = new PassThrough();
    const reading = readAll(toWebStream(source));
    setTimeout(() => source.write("a"), 5);
    setTimeout(() => source.end("b"), 10);
    expect(Buffer.concat((await reading).map((c) => Buffer.from(c))).toString()).toBe("ab");
    expect(await readAll(toWebStream(Readable.from([])))).toEqual([]);
  });

  it("errors the body when the source fails, whether it fails while read or between reads", async () => {
    const failing = new PassThrough();
    const reading = readAll(toWebStream(failing));
    setTimeout(() => failing.destroy(new Error("encrypted object failed authentication")), 5);
    await expect(reading).rejects.toThrow("encrypted object failed authentication");

    const failedEarlier = new PassThrough();
    const body = toWebStream(failedEarlier);
    failedEarlier.destroy(new Error("S3 connection reset"));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(readAll(body)).rejects.toThrow("S3 connection reset");

    const closed = new PassThrough();
    const closedReading = readAll(toWebStream(closed));
    setTimeout(() => closed.destroy(), 5);
    await expect(closedReading).rejects.toThrow("closed before its end");
  });

  it("destroys the source when the client goes away", async () => {
    const source = new PassThrough();
    source.write("partial");
    const reader = toWebStream(source).getReader();
    await reader.read();
    await reader.cancel();
    expect(source.destroyed).toBe(true);
  });
});
