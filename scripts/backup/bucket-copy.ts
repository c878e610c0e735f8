/**
 * Copies every object of the bucket to `<dir>/<key>` and back, hashing each on the way. The objects are
 * copied as stored (AES-256-GCM ciphertext): a backup of the bucket alone reveals nothing without the
 * master key.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand, ListObjectsCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { bucketClient, type S3Settings } from "../services/bucket";
import { sha256OfFile, type CopiedObject } from "./manifest";

/** Objects in flight at once: enough to hide request latency, few enough for a small machine. */
const PARALLEL = 8;

/**
 * Every key in the bucket. ListObjects (v1) with Marker, not V2: the embedded server's V2 continuation
 * tokens break under Node's OpenSSL 3 (see lib/storage/list-objects.ts).
 */
async function* allKeys(client: S3Client, bucket: string): AsyncGenerator<string> {
  let marker: string | undefined;
  for (;;) {
    const page = await client.send(new ListObjectsCommand({ Bucket: bucket, MaxKeys: 1000, Marker: marker }));
    const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : []));
    yield* keys;
    const next = page.NextMarker ?? keys.at(-1);
    if (!page.IsTruncated || next === undefined || next === marker) return;
    marker = next;
  }
}

async function inParallel<T>(items: AsyncIterable<T> | T[], work: (item: T) => Promise<void>): Promise<void> {
  const running = new Set<Promise<void>>();
  for await (const item of items) {
    const task = work(item).finally(() => running.delete(task));
    running.add(task);
    if (running.size >= PARALLEL) await Promise.race(running);
  }
  await Promise.all(running);
}

function hashing(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

export async function copyBucketOut(settings: S3Settings, dir: string): Promise<CopiedObject[]> {
  const client = bucketClient(settings);
  const objects: CopiedObject[] = [];
  try {
    await inParallel(allKeys(client, settings.bucket), async (key) => {
      const file = path.join(dir, key);
      await mkdir(path.dirname(file), { recursive: true });
      const object = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: key }));
      const hash = createHash("sha256");
      await pipeline(object.Body as Readable, hashing(hash), createWriteStream(file));
      objects.push({ key, size: (await stat(file)).size, sha256: hash.digest("hex"), ...(object.ContentType ? { contentType: object.ContentType } : {}) });
    });
  } finally {
    client.destroy();
  }
  return objects.sort((a, b) => a.key.localeCompare(b.key));
}

/** Puts every object back, each checked against the manifest's SHA-256 first. */
export async function copyBucketIn(settings: S3Settings, dir: string, objects: CopiedObject[]): Promise<void> {
  const client = bucketClient(settings);
  try {
    await inParallel(objects, async (object) => {
      const file = path.join(dir, object.key);
      if ((await sha256OfFile(file)) !== object.sha256) throw new Error(`restore: object ${object.key} does not match the manifest (damaged or edited backup)`);
      await client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: object.key, Body: createReadStream(file), ContentLength: object.size, ContentType: object.contentType }));
    });
  } finally {
    client.destroy();
  }
}
