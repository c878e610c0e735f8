import type { Readable } from "node:stream";

/**
 * A web stream for a Response body that hands on, at each pull, everything `stream` holds at that moment
 * joined into one chunk, waiting only when it holds nothing. Next.js writes each chunk to the socket with
 * its own system call, and a decrypted S3 object arrives in chunks of 16–64 KiB: while one write is under
 * way the next bytes gather in `stream`'s buffer (give it a readable high-water mark to read ahead), so the
 * slower the client, the larger and fewer the writes. The source is destroyed when the client goes away.
 */
export function toWebStream(stream: Readable): ReadableStream<Uint8Array> {
  // Errors are picked up by the next pull (stream.errored); this listener keeps one raised between pulls
  // from being an uncaught 'error' event.
  stream.on("error", () => undefined);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const chunk = await readWhatIsBuffered(stream);
        if (chunk) controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        else controller.close();
      },
      cancel() {
        stream.destroy();
      },
    },
    // Pulled only when Next asks for the next chunk: the read-ahead is `stream`'s own buffer.
    { highWaterMark: 0 },
  );
}

/** All of `stream`'s buffered bytes as one chunk, waiting for some when there are none; null at its end. */
function readWhatIsBuffered(stream: Readable): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const settle = (outcome: Buffer | null | Error) => {
      stream.off("readable", tryRead);
      stream.off("end", onEnd);
      stream.off("error", settle);
      stream.off("close", onClose);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    function tryRead() {
      if (stream.errored) return settle(stream.errored);
      const chunk = stream.read() as Buffer | null;
      if (chunk !== null) settle(chunk);
      else if (stream.readableEnded) settle(null);
    }
    const onEnd = () => settle(null);
    // Destroyed without an error and before its end: the bytes will never be complete.
    const onClose = () => settle(stream.readableEnded ? null : (stream.errored ?? new Error("the stream closed before its end")));
    if (stream.destroyed && !stream.readableEnded) return onClose();
    stream.on("readable", tryRead);
    stream.on("end", onEnd);
    stream.on("error", settle);
    stream.on("close", onClose);
    tryRead();
  });
}
