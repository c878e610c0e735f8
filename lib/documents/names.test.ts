import { describe, expect, it } from "vitest";
import { downloadFilename, sanitizeTitle } from "./names";

describe("sanitizeTitle", () => {
  it("drops control, bidi and format characters and collapses whitespace", () => {
    expect(sanitizeTitle("  Lab\u0000 result\r\n2024\u202Efdp.exe\u2066x\u2069\u200B ")).toBe("Lab result 2024 fdp.exe x");
    expect(sanitizeTitle("\u202E\r\n\t")).toBe("");
    expect(sanitizeTitle("Röntgen thorax")).toBe("Röntgen thorax");
  });
});

describe("downloadFilename", () => {
  it("is ASCII, has no path or quote characters, and avoids Windows device names", () => {
    expect(downloadFilename("Blood panel", "application/pdf")).toBe("Blood panel.pdf");
    expect(downloadFilename("../../etc/passwd", "application/pdf")).toBe("_._etc_passwd.pdf");
    expect(downloadFilename('a"b\\c;d', "image/png")).toBe("a_b_c_d.png");
    expect(downloadFilename("CON", "application/pdf")).toBe("_CON.pdf");
    expect(downloadFilename("lpt1.report", "image/jpeg")).toBe("_lpt1.report.jpg");
    expect(downloadFilename("\u202E", "application/dicom")).toBe("document.dcm");
    expect(downloadFilename("x".repeat(500), "image/webp")).toHaveLength(105);
  });
});
