/**
 * Checks an export archive without the server: every file the manifest lists is in the archive, hashes
 * to the manifest's SHA-256, and (once anchored) to its receipt's, whose commitment the chain holds;
 * anything in the archive the manifest does not account for is reported too. Reads the archive entry by
 * entry, hashing file data as it streams, so no file is held in memory whole.
 *
 * No server imports: `npm run verify -- --export` runs it under plain tsx, and tests call it directly.
 */
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { openPromise, type Entry, type ZipFile } from "yauzl";
import { parseReceipt, type AnchorReceipt } from "@/lib/verification/receipt-schema";
import { verifyReceipt, type AnchorReader } from "@/lib/verification/verify-receipt";
import { BUNDLE_PATH, MANIFEST_PATH, parseManifest, README_PATH, type ExportManifest, type ManifestFile } from "./manifest";

export type FileStatus = "PASS" | "FAIL" | "PENDING";

export interface FileVerdict {
  status: FileStatus;
  path: string;
  reason: string;
}

export type ExportVerification =
  | { ok: true; manifest: ExportManifest; verdicts: FileVerdict[]; verified: boolean }
  /** The archive cannot be checked at all (not a zip, no or malformed manifest): a usage problem. */
  | { ok: false; message: string };

/** JSON members (manifest, receipts) are small; anything larger is not ours. */
const JSON_LIMIT_BYTES = 16 * 1024 * 1024;

async function readText(zip: ZipFile, entry: Entry): Promise<string> {
  if (entry.uncompressedSize > JSON_LIMIT_BYTES) throw new Error(`${entry.fileName} is larger than ${JSON_LIMIT_BYTES} bytes.`);
  const chunks: Buffer[] = [];
  for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

async function hashEntry(zip: ZipFile, entry: Entry): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  const stream: Readable = await zip.openReadStreamPromise(entry);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest("hex"), size };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 200);

async function verifyFile(zip: ZipFile, entries: Map<string, Entry>, manifest: ExportManifest, file: ManifestFile, readerFor: (receipt: AnchorReceipt) => AnchorReader): Promise<FileVerdict> {
  const fail = (reason: string): FileVerdict => ({ status: "FAIL", path: file.path, reason });
  const entry = entries.get(file.path);
  if (!entry) return fail("listed in the manifest but missing from the archive");
  let actual: { sha256: string; size: number };
  try {
    actual = await hashEntry(zip, entry);
  } catch (error) {
    return fail(`cannot be read from the archive (${describe(error)})`);
  }
  if (actual.sha256 !== file.sha256) return fail(`SHA-256 ${actual.sha256} does not match the manifest's ${file.sha256}: the file was changed`);
  if (actual.size !== file.size) return fail(`${actual.size} bytes, but the manifest says ${file.size}`);
  if (!file.receipt) return { status: "PENDING", path: file.path, reason: "not anchored yet when exported: the fingerprint matches the manifest, but there is no receipt to check on chain" };

  const receiptEntry = entries.get(file.receipt);
  if (!receiptEntry) return fail(`its receipt ${file.receipt} is missing from the archive`);
  let receipt: AnchorReceipt;
  try {
    const parsed = parseReceipt(await readText(zip, receiptEntry));
    if (!parsed.ok) return fail(`${file.receipt}: ${parsed.message}`);
    receipt = parsed.receipt;
  } catch (error) {
    return fail(`its receipt cannot be read (${describe(error)})`);
  }
  if (receipt.sha256 !== file.sha256) return fail(`the manifest's SHA-256 differs from the receipt's (${receipt.sha256})`);
  if (receipt.chainId !== manifest.chainId || receipt.contract.toLowerCase() !== manifest.contract.toLowerCase()) return fail(`the receipt names chain ${receipt.chainId}, contract ${receipt.contract}, not the manifest's`);

  const report = await verifyReceipt(actual.sha256, receipt, readerFor(receipt));
  if (!report.verified) return fail(`${report.firstProblem!.title}: ${report.firstProblem!.explanation}`);
  return { status: "PASS", path: file.path, reason: `anchored in block ${receipt.blockNumber} at ${receipt.blockTime}; the chain holds its commitment` };
}

/**
 * Verifies the archive at `archivePath`. `readerFor` gives a contract reader for a receipt (the CLI:
 * its --rpc URL and the receipt's contract). `verified` is true when no file failed; pending files
 * (exported before anchoring) do not fail it.
 */
export async function verifyExport(archivePath: string, readerFor: (receipt: AnchorReceipt) => AnchorReader): Promise<ExportVerification> {
  let zip: ZipFile;
  const entries = new Map<string, Entry>();
  const duplicates = new Set<string>();
  try {
    zip = await openPromise(archivePath, { autoClose: false, strictFileNames: true });
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith("/")) continue;
      if (entries.has(entry.fileName)) duplicates.add(entry.fileName);
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    return { ok: false, message: `Not a readable zip archive: ${describe(error)}` };
  }
  try {
    const manifestEntry = entries.get(MANIFEST_PATH);
    if (!manifestEntry) return { ok: false, message: "The archive has no manifest.json: it is not a MedAnchor export." };
    const parsed = parseManifest(await readText(zip, manifestEntry));
    if (!parsed.ok) return { ok: false, message: parsed.message };
    const { manifest } = parsed;

    const verdicts: FileVerdict[] = [];
    for (const file of manifest.files) verdicts.push(await verifyFile(zip, entries, manifest, file, readerFor));

    const accounted = new Set([MANIFEST_PATH, BUNDLE_PATH, README_PATH, ...manifest.files.flatMap((f) => [f.path, ...(f.receipt ? [f.receipt] : [])])]);
    if (!entries.has(BUNDLE_PATH)) verdicts.push({ status: "FAIL", path: BUNDLE_PATH, reason: "the manifest names it but it is missing from the archive" });
    for (const name of entries.keys()) {
      if (!accounted.has(name)) verdicts.push({ status: "FAIL", path: name, reason: "in the archive but not in the manifest" });
    }
    for (const name of duplicates) verdicts.push({ status: "FAIL", path: name, reason: "appears more than once in the archive" });
    return { ok: true, manifest, verdicts, verified: verdicts.every((v) => v.status !== "FAIL") };
  } catch (error) {
    return { ok: false, message: `The archive cannot be read: ${describe(error)}` };
  } finally {
    zip.close();
  }
}
