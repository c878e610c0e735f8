/** Small statistics shared by the benchmarks, so every table computes percentiles the same way. */

/**
 * Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. It always
 * returns a value that was actually measured, which is what a latency figure should be.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error("percentile of no samples");
  if (!(p > 0 && p <= 100)) throw new Error(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function mean(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error("mean of no samples");
  return samples.reduce((sum, value) => sum + value, 0) / samples.length;
}

/** Rounds for the results file: timer noise below this precision would only make diffs between runs noisier. */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
