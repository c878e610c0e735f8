import "server-only";
import { createHash } from "node:crypto";
import { pipeline, Readable, Transform } from "node:stream";
import type { DocumentReference, Resource } from "@medplum/fhirtypes";
import { ZipFile } from "yazl";
import { z } from "zod";
import type { Actor, RequestContext } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { downloadFilename } from "@/lib/documents/names";
import { openDocumentContent } from "@/lib/documents/open-content";
import { serverEnv } from "@/lib/env";
import type { FhirCall } from "@/lib/fhir/handler";
import { FHIR_BASE_PATH } from "@/lib/fhir/router";
import { grantPermissionFor } from "@/lib/grants/grant-for";
import { withLedger } from "@/lib/grants/ledger-check";
import { fail, ok, type Result } from "@/lib/result";
import { isAllowedDocumentType, type AllowedDocumentType } from "@/lib/storage/content-sniffing";
import { getDocumentReceipt } from "@/lib/verification/receipt";
import type { AnchorReceipt } from "@/lib/verification/receipt-schema";
import { BUNDLE_PATH, EXPORT_FORMAT_VERSION, fileArchivePath, MANIFEST_PATH, README_PATH, receiptArchivePath, type ExportManifest, type ManifestFile } from "./manifest";
import { readmeText } from "./readme-text";
import { collectionBundle, collectPatientResources } from "./records-bundle";

export interface ExportArchive {
  /** The zip, produced as it is read: document bytes stream from storage one file at a time. */
  stream: Readable;
  filename: string;
}

export interface ExportOptions {
  /** The app's origin, for the bundle's fullUrls (the FHIR API's address for each resource). */
  origin: string;
}

/** A document to put in the archive: its DocumentReference, where it goes, and its receipt if anchored. */
interface PlannedFile {
  documentId: string;
  path: string;
  contentType: AllowedDocumentType;
  receipt: AnchorReceipt | null;
}

const grantedInput = z.object({ patientId: z.uuid() });

/** A patient's own records: everything the FHIR API shows them, every document, every receipt. */
export async function exportPatientRecords(actor: Actor | null, context: RequestContext, options: ExportOptions): Promise<Result<ExportArchive>> {
  // The archive holds the patient's access log too, so it takes what reading that log takes.
  const auth = await authorize(actor, "document.read_access_log", { ownerId: actor?.id, type: "user", id: actor?.id }, context);
  if (!auth.ok) return auth;
  return buildArchive(auth.actor, auth.actor.id, "own", context, options);
}

/**
 * What a doctor's open grants cover for one patient right now: the FHIR API's view of that patient for
 * the doctor, and the granted documents. No open grant (none, revoked, expired, unconfirmed on chain)
 * reads as NOT_FOUND, like any of the patient's records the doctor may not see.
 */
export async function exportGrantedRecords(actor: Actor | null, input: unknown, context: RequestContext, options: ExportOptions): Promise<Result<ExportArchive>> {
  const parsed = grantedInput.safeParse(input);
  const patientId = parsed.success ? parsed.data.patientId : undefined;
  const grant = await withLedger(() => grantPermissionFor(actor, patientId));
  if (!grant.ok) return grant;
  // No ownerId: only the grant can open this, never being the patient oneself.
  const auth = await authorize(actor, "document.view", { grant: grant.value, type: "patient", id: patientId }, context);
  if (!auth.ok) return auth;
  if (!patientId) return fail("NOT_FOUND", "Not found.");
  return buildArchive(auth.actor, patientId, "granted", context, options);
}

function planFile(document: DocumentReference): Omit<PlannedFile, "receipt"> | null {
  const attachment = document.content[0]?.attachment;
  if (!document.id || !attachment?.contentType || !isAllowedDocumentType(attachment.contentType)) return null;
  return { documentId: document.id, path: fileArchivePath(document.id, downloadFilename(attachment.title ?? document.description ?? "", attachment.contentType)), contentType: attachment.contentType };
}

async function planFiles(actor: Actor, resources: Resource[], context: RequestContext): Promise<Result<PlannedFile[]>> {
  const planned: PlannedFile[] = [];
  for (const resource of resources) {
    const file = resource.resourceType === "DocumentReference" ? planFile(resource) : null;
    if (!file) continue;
    const receipt = await getDocumentReceipt(actor, { documentId: file.documentId }, context);
    if (!receipt.ok && receipt.error.code !== "CONFLICT") return receipt;
    planned.push({ ...file, receipt: receipt.ok ? receipt.value.receipt : null });
  }
  return ok(planned);
}

async function buildArchive(actor: Actor, patientId: string, scope: ExportManifest["scope"], context: RequestContext, options: ExportOptions): Promise<Result<ExportArchive>> {
  const baseUrl = `${options.origin}${FHIR_BASE_PATH}`;
  const call: FhirCall = { actor, tokenId: null, scopes: [actor.role === "PATIENT" ? "patient/*.read" : "user/*.read"], context, baseUrl, origin: options.origin };
  const resources = await collectPatientResources(call, patientId, { requireFilter: scope === "granted" });
  if (!resources.ok) return resources;
  const files = await planFiles(actor, resources.value, context);
  if (!files.ok) return files;

  const createdAt = new Date();
  const { chainId, contractAddress } = serverEnv().chain;
  const header: Omit<ExportManifest, "files"> = {
    version: EXPORT_FORMAT_VERSION,
    createdAt: createdAt.toISOString(),
    exportedBy: { role: actor.role === "PATIENT" ? "PATIENT" : "DOCTOR" },
    scope,
    chainId,
    contract: contractAddress,
    bundle: BUNDLE_PATH,
  };
  const anchored = files.value.filter((f) => f.receipt).length;
  await recordAuditEvent({
    actorId: actor.id,
    actorRole: actor.role,
    action: "export.records",
    subjectType: "patient",
    subjectId: patientId,
    outcome: "ALLOW",
    ip: context.ip,
    userAgent: context.userAgent,
    details: { scope, resources: resources.value.length, files: files.value.length, anchored, pending: files.value.length - anchored },
  });

  const bundle = collectionBundle(baseUrl, resources.value, new Map(files.value.map((f) => [f.documentId, f.path])), createdAt);
  const stream = writeZip({ actor, context, header, files: files.value, bundleJson: JSON.stringify(bundle, null, 2), mtime: createdAt });
  return ok({ stream, filename: `medanchor-records-${header.createdAt.slice(0, 10)}.zip` });
}

/**
 * Writes the archive entry by entry as the reader pulls: README, bundle and receipts, then each document
 * (opened only when its turn comes, through the same access check and audit as a download, hashed on
 * the way through), then the manifest with those hashes. Any failure, or the reader going away, ends
 * the output and releases the document being read.
 */
function writeZip(args: { actor: Actor; context: RequestContext; header: Omit<ExportManifest, "files">; files: PlannedFile[]; bundleJson: string; mtime: Date }): Readable {
  const { actor, context, header, files, mtime } = args;
  const zip = new ZipFile();
  const output = zip.outputStream;
  let current: Readable | null = null;
  const abort = (error: Error) => {
    current?.destroy();
    output.destroy(error);
  };
  zip.on("error", abort);
  output.on("close", () => current?.destroy());

  const json = { mtime, compress: true };
  zip.addBuffer(Buffer.from(readmeText(header, { files: files.length, anchored: files.filter((f) => f.receipt).length })), README_PATH, json);
  zip.addBuffer(Buffer.from(args.bundleJson), BUNDLE_PATH, json);
  for (const file of files) {
    if (file.receipt) zip.addBuffer(Buffer.from(`${JSON.stringify(file.receipt, null, 2)}\n`), receiptArchivePath(file.documentId), json);
  }

  const written: ManifestFile[] = [];
  for (const file of files) {
    // Documents are stored in their own (mostly compressed) formats: storing them as they are is faster.
    zip.addReadStreamLazy(file.path, { mtime, compress: false }, (callback) => {
      openDocumentContent(actor, file.documentId, context, "download").then(
        (content) => {
          if (!content.ok) return abort(new Error(`Document ${file.documentId} could not be exported: ${content.error.code}`));
          const hash = createHash("sha256");
          let size = 0;
          const hashing = new Transform({
            transform(chunk: Buffer, _encoding, done) {
              hash.update(chunk);
              size += chunk.length;
              done(null, chunk);
            },
            flush(done) {
              written.push({
                path: file.path,
                documentReferenceId: file.documentId,
                contentType: file.contentType,
                sha256: hash.digest("hex"),
                size,
                receipt: file.receipt ? receiptArchivePath(file.documentId) : null,
                anchoring: file.receipt ? "anchored" : "pending",
              });
              done();
            },
          });
          current = content.value.stream;
          pipeline(content.value.stream, hashing, (error) => {
            if (error) abort(error);
          });
          callback(null, hashing);
        },
        (error: unknown) => abort(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }
  zip.addReadStreamLazy(MANIFEST_PATH, json, (callback) => {
    current = null;
    const manifest: ExportManifest = { ...header, files: written };
    callback(null, Readable.from([Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)]));
  });
  zip.end();
  return output;
}
