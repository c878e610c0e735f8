import "server-only";
import { ListObjectsCommand } from "@aws-sdk/client-s3";
import { serverEnv } from "@/lib/env";
import { s3Client } from "./s3-client";

/**
 * Every key under `prefix` in lexicographic order, page by page (at most `pageSize` keys per call).
 *
 * Pages with ListObjects (v1) and `Marker` = the last key of the previous page, which AWS, MinIO and the
 * embedded S3 server all honour. ListObjectsV2 cannot be used: the embedded server (s3rver) mints the
 * continuation token of every truncated V2 page with DES, which Node's OpenSSL 3 refuses, so a V2 listing
 * fails with InternalError past the first page even when paged with StartAfter.
 */
export async function* listObjectKeys(prefix: string, pageSize = 1000): AsyncGenerator<string> {
  let marker: string | undefined;
  for (;;) {
    const page = await s3Client().send(new ListObjectsCommand({ Bucket: serverEnv().s3.bucket, Prefix: prefix, MaxKeys: pageSize, Marker: marker }));
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
    yield* keys;
    // Without a delimiter S3 omits NextMarker; the last key is the marker then. A truncated page that
    // names no key would loop forever, so it ends the listing instead.
    const next = page.NextMarker ?? keys.at(-1);
    if (!page.IsTruncated || next === undefined || next === marker) return;
    marker = next;
  }
}
