import { z } from "zod";
import { pageSchema } from "@/lib/pagination";

export const patientLedgerInputSchema = z.object({ page: pageSchema.default(1) });

/** The latest blocks to read: a bounded range, so one request never scans the whole chain. */
export const MAX_RECENT_BLOCKS = 50;
export const recentBlocksInputSchema = z.object({
  count: z.coerce.number().int().min(1).max(MAX_RECENT_BLOCKS).catch(10).default(10),
  /** The newest block to show (to page back through older blocks); the chain's head when absent. */
  upTo: z.coerce.bigint().min(0n).optional().catch(undefined),
});
