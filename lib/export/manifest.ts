/**
 * The index of an export archive (manifest.json): what was exported, for whom, against which contract,
 * and each document file with its SHA-256 and receipt. Shared by the export (which writes it) and
 * `npm run verify -- --export` (which checks an archive against it), so no server imports here.
 */
import { z } from "zod";

export const EXPORT_FORMAT_VERSION = 1;

export const MANIFEST_PATH = "manifest.json";
export const BUNDLE_PATH = "bundle.json";
export const README_PATH = "README.txt";

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lower-case hex digits");
/** Archive paths the export writes: no absolute paths, no `..`, no backslashes. */
const archivePath = z.string().regex(/^(files|receipts)\/[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "must be a file under files/ or receipts/").refine((p) => !p.includes(".."), "must not contain ..");

export const manifestFileSchema = z.object({
  path: archivePath,
  documentReferenceId: z.string().min(1),
  contentType: z.string().min(1),
  sha256: sha256Hex,
  size: z.number().int().nonnegative(),
  /** The receipt's path in the archive; null while the document was not yet anchored when exported. */
  receipt: archivePath.nullable(),
  anchoring: z.enum(["anchored", "pending"]),
});

export const manifestSchema = z.object({
  version: z.literal(EXPORT_FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  exportedBy: z.object({ role: z.enum(["PATIENT", "DOCTOR"]) }),
  /** "own": a patient's own records; "granted": what a doctor's open grants covered when exported. */
  scope: z.enum(["own", "granted"]),
  chainId: z.number().int().positive(),
  contract: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  bundle: z.literal(BUNDLE_PATH),
  files: z.array(manifestFileSchema),
});

export type ExportManifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const fileArchivePath = (documentId: string, filename: string) => `files/${documentId}-${filename}`;
export const receiptArchivePath = (documentId: string) => `receipts/${documentId}.json`;

/** Parses manifest.json text; the error names the first fields that are wrong. */
export function parseManifest(text: string): { ok: true; manifest: ExportManifest } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: "manifest.json is not valid JSON." };
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "manifest"} ${i.message}`);
    return { ok: false, message: `manifest.json is not a MedAnchor export manifest: ${problems.join("; ")}.` };
  }
  return { ok: true, manifest: parsed.data };
}
