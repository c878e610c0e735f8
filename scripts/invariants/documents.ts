import "server-only";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { db } from "@/lib/db/client";
import { hashStoredObject } from "@/lib/documents/stored-object-hash";
import { DOCUMENTS_KEY_PREFIX } from "@/lib/documents/sweep-storage";
import { serverEnv } from "@/lib/env";
import { listObjectKeys } from "@/lib/storage/list-objects";
import { s3Client } from "@/lib/storage/s3-client";
import type { InvariantScope, Violation } from "./violations";

/** Every STORED document's object decrypts and hashes (streamed, as the integrity scrub does) to the recorded SHA-256. */
export async function storedDocumentObjects({ since }: InvariantScope): Promise<Violation[]> {
  const documents = await db().document.findMany({ where: { state: "STORED", createdAt: { gte: since } }, select: { id: true, storageKey: true, wrappedKey: true, sha256: true } });
  const violations: Violation[] = [];
  for (const document of documents) {
    const stored = await hashStoredObject(document.storageKey, document.wrappedKey);
    if ("problem" in stored) violations.push({ invariant: "stored-document-object", subject: document.id, detail: stored.problem });
    else if (stored.sha256 !== document.sha256) violations.push({ invariant: "stored-document-object", subject: document.id, detail: "The object's SHA-256 differs from the row's." });
  }
  return violations;
}

/**
 * Every object under the documents prefix is claimed by a STORED row, or by an UPLOADING row the
 * sweeper has not expired yet (an upload in flight), within `timeoutMs`: an object whose upload failed
 * while storage was down is removed by the worker's removeDroppedObjects once storage answers, so the
 * check gives it that long, as the outbox gets its time to confirm. Objects older than the scope are left out.
 */
export async function waitForObjectsClaimed(scope: InvariantScope, timeoutMs: number): Promise<Violation[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const violations = await objectsHaveRows(scope);
    if (violations.length === 0 || Date.now() >= deadline) return violations;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function objectsHaveRows({ since }: InvariantScope): Promise<Violation[]> {
  const keys: string[] = [];
  for await (const key of listObjectKeys(DOCUMENTS_KEY_PREFIX)) keys.push(key);
  const claimed = new Set(
    (await db().document.findMany({ where: { storageKey: { in: keys }, state: { in: ["STORED", "UPLOADING"] } }, select: { storageKey: true } })).map((row) => row.storageKey),
  );
  const violations: Violation[] = [];
  for (const key of keys.filter((k) => !claimed.has(k))) {
    const head = await s3Client().send(new HeadObjectCommand({ Bucket: serverEnv().s3.bucket, Key: key }));
    // S3 keeps whole seconds: an object written in the scope's first second must not slip out of it.
    if (head.LastModified && head.LastModified.getTime() < since.getTime() - 1_000) continue;
    violations.push({ invariant: "object-without-row", subject: key, detail: "No STORED or UPLOADING row claims this object." });
  }
  return violations;
}
