import { z } from "zod";

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;
const MAX_OFFSET = 10_000;

export interface Paging {
  count: number;
  offset: number;
}

const pagingSchema = z.object({
  _count: z.coerce.number().int().min(0).max(MAX_COUNT).default(DEFAULT_COUNT),
  _offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
});

/** `_count` (0–100, default 20) and `_offset` from a search URL; out-of-range values are an error, not a guess. */
export function parsePaging(params: URLSearchParams): { ok: true; paging: Paging } | { ok: false; message: string } {
  const parsed = pagingSchema.safeParse({ _count: params.get("_count") ?? undefined, _offset: params.get("_offset") ?? undefined });
  if (!parsed.success) return { ok: false, message: `_count must be a whole number from 0 to ${MAX_COUNT} and _offset from 0 to ${MAX_OFFSET}.` };
  return { ok: true, paging: { count: parsed.data._count, offset: parsed.data._offset } };
}
