import "server-only";
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, PutObjectCommand, UploadPartCommand, type S3Client } from "@aws-sdk/client-s3";

export interface SizedUpload {
  client: S3Client;
  bucket: string;
  key: string;
  body: Readable;
  /** Exact byte count of `body`: more or fewer fails the upload and nothing is stored. */
  length: number;
  partSize: number;
  contentType: string;
  signal?: AbortSignal;
}

/** Parts streaming at once: while one waits for S3's answer, the next one already carries bytes. */
const PARTS_IN_FLIGHT = 2;

/**
 * Objects up to this size are gathered first and sent as one buffer: one write to the socket instead of
 * one per arriving chunk (each a system call, which costs more than the bytes at these sizes), and a
 * body that turns out short or long never reaches S3 at all. Memory stays bounded by this per upload.
 */
export const GATHERED_OBJECT_MAX_BYTES = 1024 * 1024;

/**
 * Streams a body of known length to S3 without holding parts in memory (small objects aside, see
 * GATHERED_OBJECT_MAX_BYTES): each request (one PutObject, or
 * the UploadParts of a multipart upload) gets a slice of the stream as its body with an exact
 * Content-Length, so bytes go out as they come in. (lib-storage's `Upload` first gathers every part into
 * one buffer, so a request can only start once a whole part, or the whole of a small object, has arrived,
 * and signs the payload with one more SHA-256 pass.) Streamed requests are not retried by the SDK; any
 * failure aborts the multipart upload and rejects. Create-only: `If-None-Match: *` on the PutObject or
 * the CompleteMultipartUpload that makes the object visible.
 */
export async function putSizedStream(upload: SizedUpload): Promise<void> {
  const { client, bucket, key, length, partSize } = upload;
  const aborter = new AbortController();
  const onAbort = () => aborter.abort(upload.signal?.reason);
  if (upload.signal?.aborted) onAbort();
  upload.signal?.addEventListener("abort", onAbort, { once: true });
  const signal = aborter.signal;
  const parts = partLengths(length, partSize);
  let creating: Promise<string> | undefined;
  try {
    if (length <= GATHERED_OBJECT_MAX_BYTES) {
      const gathered = await gather(upload.body, length, signal);
      // Handed over as a stream so the SDK signs it UNSIGNED-PAYLOAD, as it does every streamed part, rather
      // than hashing the buffer once more for the signature: integrity rests on our own SHA-256 and GCM tag.
      const body = Readable.from([gathered], { objectMode: false });
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentLength: length, ContentType: upload.contentType, IfNoneMatch: "*" }), { abortSignal: signal });
      return;
    }
    if (parts.length === 1) {
      await feed(upload.body, parts, signal, (_partNumber, body) =>
        client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentLength: length, ContentType: upload.contentType, IfNoneMatch: "*" }), { abortSignal: signal }),
      );
      return;
    }
    // Opened with the first part, so a body refused before its first byte opens nothing on S3. Not
    // abortable: once asked for, the upload id is awaited so that a failure can abort the upload.
    const startUpload = () =>
      (creating ??= client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: upload.contentType })).then(({ UploadId }) => {
        if (!UploadId) throw new Error("S3 answered CreateMultipartUpload without an upload id");
        return UploadId;
      }));
    const etags = await feed(upload.body, parts, signal, async (partNumber, body, partLength) => {
      const part = await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: await startUpload(), PartNumber: partNumber, Body: body, ContentLength: partLength }), { abortSignal: signal });
      if (!part.ETag) throw new Error(`S3 answered UploadPart ${partNumber} without an ETag`);
      return part.ETag;
    });
    const completed = { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) };
    await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: await startUpload(), MultipartUpload: completed, IfNoneMatch: "*" }), { abortSignal: signal });
  } catch (error) {
    aborter.abort(error);
    upload.body.destroy();
    const uploadId = await creating?.catch(() => undefined);
    if (uploadId) await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
    throw error;
  } finally {
    upload.signal?.removeEventListener("abort", onAbort);
  }
}

/** The whole of a small body, exactly `length` bytes long, or an error as soon as it cannot be. */
async function gather(source: Readable, length: number, signal: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    signal.throwIfAborted();
    received += chunk.length;
    if (received > length) throw new Error("the stream is longer than its declared length");
    chunks.push(chunk);
  }
  signal.throwIfAborted();
  if (received < length) throw new Error("the stream is shorter than its declared length");
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
}

function partLengths(length: number, partSize: number): number[] {
  if (length <= partSize) return [length];
  const lengths = Array.from({ length: Math.floor(length / partSize) }, () => partSize);
  if (length % partSize > 0) lengths.push(length % partSize);
  return lengths;
}

/**
 * Cuts `source` into consecutive bodies of `lengths` bytes and starts `send(partNumber, body, length)` for
 * each when its first byte arrives, with at most PARTS_IN_FLIGHT unanswered. Resolves with the answers in
 * order once every part is answered; rejects on the first failure, a source error, or a byte count other
 * than the sum of `lengths`.
 */
async function feed<T>(source: Readable, lengths: number[], signal: AbortSignal, send: (partNumber: number, body: Readable, length: number) => Promise<T>): Promise<T[]> {
  const answers: Promise<T>[] = [];
  let fail: (error: unknown) => void = () => undefined;
  // Rejects with the first failed part, so a stalled write stops waiting for a drain that will not come.
  const failure = new Promise<never>((_resolve, reject) => (fail = reject));
  failure.catch(() => undefined);
  let body = new PassThrough();
  let remaining = 0;

  const open = async (index: number) => {
    const previous = answers[index - PARTS_IN_FLIGHT];
    if (previous) await Promise.race([previous, failure]);
    body = new PassThrough();
    remaining = lengths[index]!;
    const answer = send(index + 1, body, remaining);
    answer.catch(fail);
    answers.push(answer);
  };

  try {
    // A part opens with its first byte, so a body refused before any byte passes never reaches S3.
    let index = -1;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      for (let offset = 0; offset < chunk.length; ) {
        if (remaining === 0) {
          index += 1;
          if (index >= lengths.length) throw new Error("the stream is longer than its declared length");
          await open(index);
        }
        const take = Math.min(remaining, chunk.length - offset);
        const fits = body.write(take === chunk.length ? chunk : chunk.subarray(offset, offset + take));
        offset += take;
        remaining -= take;
        // The last part ends only with the source, so a source longer than declared never completes an object.
        if (remaining === 0 && index < lengths.length - 1) body.end();
        else if (!fits) await Promise.race([once(body, "drain", { signal }), failure]);
      }
    }
    if (index === -1 && lengths[0] === 0) await open((index = 0));
    if (remaining > 0 || index < lengths.length - 1) throw new Error("the stream is shorter than its declared length");
    body.end();
    return await Promise.all(answers);
  } catch (error) {
    body.destroy();
    throw error;
  }
}
