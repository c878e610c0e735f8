/**
 * Listing past one page against the suite's real S3 server: the embedded server cannot serve truncated
 * ListObjectsV2 pages (see list-objects.ts), so this pins that paging works beyond its 1000-key cap.
 */
import { randomUUID } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverEnv } from "@/lib/env";
import { listObjectKeys } from "./list-objects";
import { deleteObject } from "./object-storage";
import { s3Client } from "./s3-client";

const prefix = `test/list-${randomUUID()}/`;
// More than the S3 API's hard cap of 1000 keys per page, and not a multiple of any page size used below.
const keys = Array.from({ length: 1203 }, (_, i) => `${prefix}${String(i).padStart(5, "0")}`);

async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const key of iterable) out.push(key);
  return out;
}

beforeAll(async () => {
  const bucket = serverEnv().s3.bucket;
  await inParallel(keys, 32, (key) => s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "x" })));
});
afterAll(async () => {
  await inParallel(keys, 32, (key) => deleteObject(key));
});

describe("listObjectKeys", () => {
  it("lists every key past the 1000-key page cap, in order, exactly once", async () => {
    expect(await collect(listObjectKeys(prefix))).toEqual(keys);
  });

  it("pages with small pages too, and stays inside the prefix", async () => {
    expect(await collect(listObjectKeys(prefix, 250))).toEqual(keys);
    expect(await collect(listObjectKeys(`${prefix}0000`, 3))).toEqual(keys.slice(0, 10));
    expect(await collect(listObjectKeys(`${prefix}nothing-here`))).toEqual([]);
  });
});
