/** Display helpers shared by the document list, the detail page and the upload form. */

export const DOCUMENT_KIND_LABELS = {
  LAB_RESULT: "Lab result",
  IMAGING: "Imaging",
  PRESCRIPTION: "Prescription",
  REPORT: "Report",
  REFERRAL: "Referral",
  OTHER: "Other",
} as const;

export type DocumentKindKey = keyof typeof DOCUMENT_KIND_LABELS;

export const isDocumentKind = (value: unknown): value is DocumentKindKey => typeof value === "string" && value in DOCUMENT_KIND_LABELS;

const TYPE_LABELS: Record<string, string> = {
  "application/pdf": "PDF",
  "image/png": "PNG image",
  "image/jpeg": "JPEG image",
  "image/webp": "WebP image",
  "application/dicom": "DICOM",
};

export const typeLabel = (type: string) => TYPE_LABELS[type] ?? type;

/** 1 KB = 1024 bytes, one decimal below 10 units. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** A calendar date (yyyy-mm-dd) shown as "2 Dec 2026", not shifted by any time zone. */
export function calendarDate(isoDate: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}

export const shortHash = (sha256: string) => sha256.slice(0, 12);

export const ANCHOR_LABELS = {
  NONE: "Pending anchor",
  PENDING: "Pending anchor",
  SENT: "Anchoring",
  CONFIRMED: "Anchored",
  FAILED: "Anchoring failed",
} as const;
