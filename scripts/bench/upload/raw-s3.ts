/** The baseline: the same SDK and the same multipart settings as lib/storage/object-storage.ts, straight to S3. */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Readable } from "node:stream";

export interface RawS3 {
  put(key: string, body: Buffer): Promise<void>;
  /** Reads the whole object and returns its length. */
  get(key: string): Promise<number>;
}

export function rawS3(env: Record<string, string>): RawS3 {
  const client = new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === "true",
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID!, secretAccessKey: env.S3_SECRET_ACCESS_KEY! },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 2,
  });
  const bucket = env.S3_BUCKET;
  return {
    async put(key, body) {
      const upload = new Upload({ client, params: { Bucket: bucket, Key: key, Body: body, ContentType: "application/octet-stream" }, partSize: 8 * 1024 * 1024, queueSize: 2 });
      await upload.done();
    },
    async get(key) {
      const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      let length = 0;
      for await (const chunk of response.Body as Readable) length += (chunk as Buffer).length;
      return length;
    },
  };
}
