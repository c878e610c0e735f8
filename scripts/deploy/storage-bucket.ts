/**
 * `npm run storage:bucket`: creates S3_BUCKET on S3_ENDPOINT if it is missing (idempotent), with the
 * app's own validated environment. deploy/compose.yaml's setup job runs it before the app starts.
 */
import { EnvError, serverEnv } from "../../lib/env";
import { ensureBucket } from "../services/bucket";

try {
  const { s3 } = serverEnv();
  await ensureBucket(s3);
  console.log(`storage:bucket: ${s3.bucket} is ready on ${s3.endpoint}`);
} catch (error) {
  console.error(`storage:bucket: ${error instanceof EnvError || error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
