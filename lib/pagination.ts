import { z } from "zod";

/** Page-number pagination shared by every paginated list (admin lists, the doctor directory). */
export const PAGE_SIZE = 20;

export interface PageDto<T> {
  items: T[];
  /** 1-based, clamped to the last page that exists. */
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

/** Page numbers come from URLs: anything that is not a positive integer means the first page. */
export const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/** Where to start reading for `requested`, given how many rows match: never past the last page. */
export function pageWindow(requested: number, total: number, pageSize = PAGE_SIZE): { page: number; skip: number; take: number; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(requested, pageCount);
  return { page, skip: (page - 1) * pageSize, take: pageSize, pageCount };
}

export function pageOf<T>(items: T[], window: { page: number; take: number; pageCount: number }, total: number): PageDto<T> {
  return { items, page: window.page, pageSize: window.take, total, pageCount: window.pageCount };
}

/** Free-text search boxes: trimmed, empty means no filter. */
export const searchQuerySchema = z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, 100) : undefined), z.string().optional());
