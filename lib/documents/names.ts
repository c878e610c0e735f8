/**
 * Display titles and download file names. Titles are shown in the app and end up in a
 * Content-Disposition header, so whatever a user typed is reduced to plain, single-line text.
 */
import { EXTENSION_BY_TYPE, type AllowedDocumentType } from "@/lib/storage/content-sniffing";

export const TITLE_MAX_CHARS = 200;

/**
 * Removes control characters (NUL, CR, LF, ...), bidirectional overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069), zero-width and other format characters; collapses whitespace. May return "".
 */
export function sanitizeTitle(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** An ASCII file name safe in a quoted Content-Disposition parameter and on any file system. */
export function downloadFilename(title: string, type: AllowedDocumentType): string {
  let base = sanitizeTitle(title)
    .replace(/[^A-Za-z0-9 ._-]/g, "_")
    .replace(/\.{2,}/g, ".")
    .replace(/^[ .]+|[ .]+$/g, "")
    .slice(0, 100);
  if (!base) base = "document";
  if (WINDOWS_RESERVED.test(base.split(".")[0]!)) base = `_${base}`;
  return `${base}.${EXTENSION_BY_TYPE[type]}`;
}
