/** Output of a benchmark: an aligned table on stdout and `bench-results/<name>.json` for later comparison. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export const RESULTS_DIR = path.resolve(import.meta.dirname, "../../bench-results");

/** Rejects anything but a flat object of finite numbers, so results files stay comparable across runs. */
export function assertMetrics(name: string, value: unknown): asserts value is Record<string, number> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`${name}: must return an object of named numbers`);
  const bad = Object.entries(value).filter(([, v]) => typeof v !== "number" || !Number.isFinite(v));
  if (bad.length > 0) throw new Error(`${name}: not a finite number: ${bad.map(([key]) => key).join(", ")}`);
  if (Object.keys(value).length === 0) throw new Error(`${name}: returned no metrics`);
}

export function formatTable(title: string, subtitle: string, metrics: Record<string, number>): string {
  const rows = Object.entries(metrics).map(([key, value]) => [key, String(value)] as const);
  const keyWidth = Math.max("metric".length, ...rows.map(([key]) => key.length));
  const valueWidth = Math.max("value".length, ...rows.map(([, value]) => value.length));
  const line = (key: string, value: string) => `  ${key.padEnd(keyWidth)}  ${value.padStart(valueWidth)}`;
  return [title, `  ${subtitle}`, line("metric", "value"), `  ${"-".repeat(keyWidth + 2 + valueWidth)}`, ...rows.map(([key, value]) => line(key, value))].join("\n");
}

export async function writeResults(name: string, metrics: Record<string, number>): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  await writeFile(file, `${JSON.stringify(metrics, null, 2)}\n`);
  return file;
}
