/** The fault suite's report: one row per fault, as a terminal table and as Markdown (test-results/faults.md). */
import type { Violation } from "../check-invariants";

export interface FaultRow {
  fault: string;
  /** Null when the fault could not be produced on this machine (`note` says why). */
  requests: number | null;
  userErrors: number | null;
  lost: string[];
  violations: Violation[];
  seconds: number;
  note: string;
  /** The fault could not be driven to its end (a harness failure, not a finding about the app). */
  error?: string;
}

export const rowFailed = (row: FaultRow) => row.lost.length > 0 || row.violations.length > 0 || row.error !== undefined;

const cells = (row: FaultRow) => [
  row.fault,
  row.requests === null ? (row.error ? "-" : "not runnable here") : String(row.requests),
  row.userErrors === null ? "-" : String(row.userErrors),
  String(row.lost.length),
  row.violations.length === 0 ? "0" : `${row.violations.length} (${[...new Set(row.violations.map((v) => v.invariant))].join(", ")})`,
  row.seconds.toFixed(0),
  row.error ? `FAILED TO RUN: ${row.error}` : row.note,
];

const HEADER = ["fault", "requests during it", "errors shown to users", "data lost", "invariant violations", "seconds", "notes"];

export function markdownTable(rows: FaultRow[]): string {
  const line = (values: string[]) => `| ${values.map((v) => v.replaceAll("|", "\\|")).join(" | ")} |`;
  const details = rows.flatMap((row) => [...row.lost.map((l) => `- ${row.fault}: lost ${l}`), ...row.violations.map((v) => `- ${row.fault}: ${v.invariant} ${v.subject}: ${v.detail}`)]);
  return [line(HEADER), line(HEADER.map(() => "---")), ...rows.map((row) => line(cells(row))), ...(details.length ? ["", "Details:", ...details] : [])].join("\n");
}

export function textTable(rows: FaultRow[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  return table.map((r) => r.map((value, i) => value.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n");
}
