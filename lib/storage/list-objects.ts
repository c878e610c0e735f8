import "server-only";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { serverEnv } from "@/lib/env";
import { s3Client } from "./s3-client";

/**
 * Every key under `prefix`, page by page (at most `pageSize` keys per ListObjectsV2 call).
 * The embedded S3 server (s3rver) cannot answer a truncated page: it mints continuation tokens with DES,
 * which Node's OpenSSL 3 refuses, so it fails with InternalError beyond `pageSize` keys. MinIO and AWS page fine.
 */
export async function* listObjectKeys(prefix: string, pageSize = 1000): AsyncGenerator<string> {
  let continuationToken: string | undefined;
  do {
    const page = await s3Client().send(new ListObjectsV2Command({ Bucket: serverEnv().s3.bucket, Prefix: prefix, MaxKeys: pageSize, ContinuationToken: continuationToken }));
    for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
    continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (continuationToken);
}
