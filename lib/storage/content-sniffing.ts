/**
 * Content sniffing from the first bytes of a file, against the allow-list of document types. Only
 * magic numbers at fixed offsets count; anything else (HTML, SVG, scripts, Windows executables, unknown
 * binaries) is rejected. A file that starts like markup is rejected even if a PDF header follows later
 * (a PDF/HTML polyglot): browsers sniff the start of a response, so the start must be the real type.
 */
export const ALLOWED_DOCUMENT_TYPES = ["application/pdf", "image/png", "image/jpeg", "image/webp", "application/dicom"] as const;
export type AllowedDocumentType = (typeof ALLOWED_DOCUMENT_TYPES)[number];

/** Bytes needed to decide (DICOM's "DICM" ends at offset 132). */
export const SNIFF_BYTES = 132;

export function isAllowedDocumentType(value: string): value is AllowedDocumentType {
  return (ALLOWED_DOCUMENT_TYPES as readonly string[]).includes(value);
}

/** File name extension for each type, for download names. */
export const EXTENSION_BY_TYPE: Record<AllowedDocumentType, string> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "application/dicom": "dcm",
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const PDF = ascii("%PDF-");
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
const DICM = ascii("DICM");

/**
 * The allowed type `head` (the first bytes of the file, ideally SNIFF_BYTES or all of a shorter file)
 * starts with, or null when it is none of them.
 */
export function sniffDocumentType(head: Uint8Array): AllowedDocumentType | null {
  if (startsWith(head, PDF)) return "application/pdf";
  if (startsWith(head, PNG)) return "image/png";
  if (startsWith(head, JPEG)) return "image/jpeg";
  if (startsWith(head, RIFF) && startsWith(head, WEBP, 8)) return "image/webp";
  // DICOM's 128-byte preamble is free-form: refuse one that carries markup or an executable header.
  if (startsWith(head, DICM, 128) && !startsWith(head, ascii("MZ")) && !head.subarray(0, 128).includes(0x3c)) return "application/dicom";
  return null;
}
