// This machine runs Node 20; the AWS SDK's notice about its future Node 22 requirement is noise in every log.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

import { CreateBucketCommand, HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";

export interface S3Settings {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

/** A client for scripts that get their S3 settings passed in (the app's own is lib/storage/s3-client.ts). */
export function bucketClient(settings: S3Settings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

/** Creates the bucket when absent (idempotent), so a fresh MinIO or embedded server is usable at once. */
export async function ensureBucket(settings: S3Settings): Promise<void> {
  const client = bucketClient(settings);
  try {
    await client.send(new HeadBucketCommand({ Bucket: settings.bucket }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: settings.bucket }));
  } finally {
    client.destroy();
  }
}
