import { describe, expect, it } from "vitest";
import { pageSchema, pageWindow, searchQuerySchema } from "./pagination";

describe("pagination", () => {
  it("reads page numbers from URLs leniently", () => {
    expect(pageSchema.parse("3")).toBe(3);
    expect(pageSchema.parse(undefined)).toBe(1);
    expect(pageSchema.parse("abc")).toBe(1);
    expect(pageSchema.parse("0")).toBe(1);
    expect(pageSchema.parse("2.5")).toBe(1);
  });

  it("clamps to the last page and never below the first", () => {
    expect(pageWindow(1, 0)).toEqual({ page: 1, skip: 0, take: 20, pageCount: 1 });
    expect(pageWindow(2, 45)).toEqual({ page: 2, skip: 20, take: 20, pageCount: 3 });
    expect(pageWindow(9, 45)).toEqual({ page: 3, skip: 40, take: 20, pageCount: 3 });
    expect(pageWindow(2, 40)).toEqual({ page: 2, skip: 20, take: 20, pageCount: 2 });
  });

  it("treats blank searches as no filter and trims the rest", () => {
    expect(searchQuerySchema.parse("   ")).toBeUndefined();
    expect(searchQuerySchema.parse(undefined)).toBeUndefined();
    expect(searchQuerySchema.parse("  Lena ")).toBe("Lena");
    expect(searchQuerySchema.parse("x".repeat(300))).toHaveLength(100);
  });
});
