/** Counting booking outcomes, shared by the HTTP and the in-process measurements. */
export type Outcome = "ok" | "SLOT_TAKEN" | "error";

export interface Tally {
  samples: number[];
  ok: number;
  slotTaken: number;
  errors: number;
  /** The first few unexpected outcomes, for the log. */
  examples: string[];
}

export const newTally = (): Tally => ({ samples: [], ok: 0, slotTaken: 0, errors: 0, examples: [] });

/** Counts one outcome; `ms`, when given, is a latency sample. */
export function record(tally: Tally, outcome: Outcome, detail: string, ms?: number) {
  if (ms !== undefined) tally.samples.push(ms);
  if (outcome === "ok") tally.ok += 1;
  else if (outcome === "SLOT_TAKEN") tally.slotTaken += 1;
  else {
    tally.errors += 1;
    if (tally.examples.length < 5) tally.examples.push(detail);
  }
}
