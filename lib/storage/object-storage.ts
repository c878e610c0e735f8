import "server-only";
import { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, NotFound, NoSuchKey } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { serverEnv } from "@/lib/env";
import { s3Client } from "./s3-client";
import { putSizedStream } from "./sized-upload";

/** Object storage behind one small interface, so the backend (MinIO, AWS, the embedded server) is configuration. */
export interface ObjectHead {
  key: string;
  size: number;
  contentType?: string;
}

const PART_SIZE = 8 * 1024 * 1024;

/**
 * Streams `body` to `key`. With its exact `length` known, the bytes go out as they arrive, each request
 * carrying a slice of the stream (see sized-upload.ts); otherwise lib-storage's multipart upload gathers
 * parts in memory first. `If-None-Match: *` asks for create-only semantics (MinIO and AWS honour it; the
 * embedded server ignores it, so keys are always server-generated and unique).
 */
export async function putObjectStream(key: string, body: Readable | Uint8Array, options: { contentType?: string; signal?: AbortSignal; length?: number } = {}): Promise<void> {
  const contentType = options.contentType ?? "application/octet-stream";
  if (body instanceof Readable && options.length !== undefined) {
    return putSizedStream({ client: s3Client(), bucket: serverEnv().s3.bucket, key, body, length: options.length, partSize: PART_SIZE, contentType, signal: options.signal });
  }
  const upload = new Upload({
    client: s3Client(),
    params: { Bucket: serverEnv().s3.bucket, Key: key, Body: body, ContentType: contentType, IfNoneMatch: "*" },
    partSize: PART_SIZE,
    queueSize: 2,
    leavePartsOnError: false,
  });
  const abort = () => void upload.abort();
  options.signal?.addEventListener("abort", abort, { once: true });
  try {
    await upload.done();
  } finally {
    options.signal?.removeEventListener("abort", abort);
  }
}

/** The object's bytes as a Node stream, or null when it does not exist. */
export async function getObjectStream(key: string): Promise<Readable | null> {
  try {
    const response = await s3Client().send(new GetObjectCommand({ Bucket: serverEnv().s3.bucket, Key: key }));
    return response.Body as Readable;
  } catch (error) {
    if (error instanceof NoSuchKey || isNotFound(error)) return null;
    throw error;
  }
}

export async function headObject(key: string): Promise<ObjectHead | null> {
  try {
    const response = await s3Client().send(new HeadObjectCommand({ Bucket: serverEnv().s3.bucket, Key: key }));
    return { key, size: response.ContentLength ?? 0, contentType: response.ContentType };
  } catch (error) {
    if (error instanceof NotFound || isNotFound(error)) return null;
    throw error;
  }
}

export async function deleteObject(key: string): Promise<void> {
  await s3Client().send(new DeleteObjectCommand({ Bucket: serverEnv().s3.bucket, Key: key }));
}

/** Health probe: the bucket exists and answers. */
export async function pingStorage(signal?: AbortSignal): Promise<void> {
  await s3Client().send(new HeadBucketCommand({ Bucket: serverEnv().s3.bucket }), { abortSignal: signal });
}

function isNotFound(error: unknown): boolean {
  const meta = (error as { $metadata?: { httpStatusCode?: number }; name?: string }) ?? {};
  return meta.$metadata?.httpStatusCode === 404 || meta.name === "NotFound" || meta.name === "NoSuchKey";
}
