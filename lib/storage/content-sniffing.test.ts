import { describe, expect, it } from "vitest";
import { sniffDocumentType } from "./content-sniffing";

const bytes = (text: string) => new TextEncoder().encode(text);
const dicom = (preamble: Uint8Array = new Uint8Array(128)) => {
  const out = new Uint8Array(140);
  out.set(preamble.subarray(0, 128));
  out.set(bytes("DICM"), 128);
  return out;
};

describe("sniffDocumentType", () => {
  it("recognises the allowed types by their magic bytes", () => {
    expect(sniffDocumentType(bytes("%PDF-1.7\n%âãÏÓ"))).toBe("application/pdf");
    expect(sniffDocumentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe("image/png");
    expect(sniffDocumentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("image/jpeg");
    expect(sniffDocumentType(bytes("RIFF\x24\x00\x00\x00WEBPVP8 "))).toBe("image/webp");
    expect(sniffDocumentType(dicom())).toBe("application/dicom");
  });

  it("rejects markup, executables and other RIFF files", () => {
    expect(sniffDocumentType(bytes("<!DOCTYPE html><html><script>alert(1)</script>"))).toBeNull();
    expect(sniffDocumentType(bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffDocumentType(bytes("MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode"))).toBeNull();
    expect(sniffDocumentType(bytes("RIFF\x24\x00\x00\x00WAVEfmt "))).toBeNull();
    expect(sniffDocumentType(bytes("plain text"))).toBeNull();
  });

  it("rejects polyglots whose first bytes are not the real type", () => {
    expect(sniffDocumentType(bytes("<html><body>hi</body></html>\n%PDF-1.4\n"))).toBeNull();
    expect(sniffDocumentType(bytes(" %PDF-1.4"))).toBeNull();
    const markupPreamble = new Uint8Array(128);
    markupPreamble.set(bytes("<html><script>alert(1)</script>"));
    expect(sniffDocumentType(dicom(markupPreamble))).toBeNull();
    const exePreamble = new Uint8Array(128);
    exePreamble.set(bytes("MZ"));
    expect(sniffDocumentType(dicom(exePreamble))).toBeNull();
  });

  it("needs enough bytes to decide", () => {
    expect(sniffDocumentType(new Uint8Array(0))).toBeNull();
    expect(sniffDocumentType(bytes("%"))).toBeNull();
    expect(sniffDocumentType(bytes("%PDF"))).toBeNull();
    expect(sniffDocumentType(new Uint8Array([0x89, 0x50, 0x4e]))).toBeNull();
    expect(sniffDocumentType(bytes("RIFF\x00\x00"))).toBeNull();
  });
});
