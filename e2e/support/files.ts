import { createHash } from "node:crypto";

export const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** A title no other run or spec uses. */
export const unique = (title: string) => `${title} ${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/** A small, valid PDF whose bytes differ per label. */
export function minimalPdf(label: string): Buffer {
  return Buffer.from(
    [
      "%PDF-1.4",
      "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
      "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
      "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj",
      `% ${label}`,
      "trailer << /Root 1 0 R >>",
      "%%EOF",
      "",
    ].join("\n"),
  );
}
