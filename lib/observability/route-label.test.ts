import { describe, expect, it } from "vitest";
import { routeLabel } from "./route-label";

describe("routeLabel", () => {
  it("keeps route names and turns ids, numbers, hashes and tokens into [id]", () => {
    expect(routeLabel("/")).toBe("/");
    expect(routeLabel("/patient/documents")).toBe("/patient/documents");
    expect(routeLabel("/api/documents/3f0c6a52-8c1e-4c7a-9b55-0a1e2f3d4c5b/content?link=abc")).toBe("/api/documents/[id]/content");
    expect(routeLabel("/api/uploads/Xk3v9QmZp2LrT8yWb4NcHd")).toBe("/api/uploads/[id]");
    expect(routeLabel("/fhir/R4/Patient/3F0C6A52-8C1E-4C7A-9B55-0A1E2F3D4C5B")).toBe("/fhir/R4/Patient/[id]");
    expect(routeLabel("/patient/appointments/42")).toBe("/patient/appointments/[id]");
    expect(routeLabel("/verify/0x9a8b7c6d5e4f30211223344556677889900aabbccddeeff0011223344556677")).toBe("/verify/[id]");
    expect(routeLabel("/doctor/patients/MA-7K2Q-9XZ4")).toBe("/doctor/patients/[id]");
  });

  it("never keeps a segment that looks like personal data or garbage", () => {
    expect(routeLabel("/search/jane.doe@example.org")).toBe("/search/[id]");
    expect(routeLabel("/search/Jane%20Doe")).toBe("/search/[id]");
    expect(routeLabel("/x/%E0%A4%A")).toBe("/x/[id]");
  });

  it("collapses Next.js assets and bounds the depth", () => {
    expect(routeLabel("/_next/static/chunks/app/page-1a2b3c.js")).toBe("/_next/static");
    expect(routeLabel("/_next/static/css/abc.css")).toBe("/_next/static");
    expect(routeLabel("/_next/image?url=%2Flogo.png&w=64")).toBe("/_next/image");
    expect(routeLabel("/a/b/c/d/e/f/g/h")).toBe("/a/b/c/d/e/f/…");
    expect(routeLabel(undefined)).toBe("/");
  });

  it("gives a large set of distinct document URLs one label", () => {
    const labels = new Set(Array.from({ length: 500 }, () => routeLabel(`/api/documents/${crypto.randomUUID()}/receipt`)));
    expect([...labels]).toEqual(["/api/documents/[id]/receipt"]);
  });
});
