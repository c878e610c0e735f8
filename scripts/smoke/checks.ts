/**
 * The smoke test's check list: each step passes, fails, or is skipped because an earlier step it
 * depends on failed (a skip counts as a failure). Printed as one compact table and optionally written
 * as JSON for `npm test`'s tally.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

type Outcome = "pass" | "FAIL" | "skip";

interface CheckRow {
  name: string;
  outcome: Outcome;
  ms: number;
  detail: string;
}

export class CheckList {
  private readonly rows: CheckRow[] = [];
  private failedStep: string | undefined;

  /**
   * Runs a step of the main journey; once one fails the later ones are skipped. `independent` steps
   * always run and do not block the journey. Returns the step's value, or undefined if it did not pass.
   */
  async run<T>(name: string, work: () => Promise<{ value: T; detail: string }>, options: { independent?: boolean } = {}): Promise<T | undefined> {
    if (this.failedStep && !options.independent) {
      this.rows.push({ name, outcome: "skip", ms: 0, detail: `after "${this.failedStep}" failed` });
      return undefined;
    }
    const started = performance.now();
    try {
      const { value, detail } = await work();
      this.rows.push({ name, outcome: "pass", ms: performance.now() - started, detail });
      return value;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
      this.rows.push({ name, outcome: "FAIL", ms: performance.now() - started, detail: message });
      if (!options.independent) this.failedStep ??= name;
      return undefined;
    }
  }

  get passed(): number {
    return this.rows.filter((r) => r.outcome === "pass").length;
  }

  get failed(): number {
    return this.rows.length - this.passed;
  }

  print(log: (line: string) => void): void {
    const width = Math.max(...this.rows.map((r) => r.name.length));
    log(`\n${"check".padEnd(width)}  result      ms  detail`);
    for (const r of this.rows) log(`${r.name.padEnd(width)}  ${r.outcome.padEnd(6)} ${Math.round(r.ms).toString().padStart(7)}  ${r.detail}`);
    log(`\nproduction smoke: ${this.passed} passed, ${this.failed} failed`);
  }

  async writeJson(file: string): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ passed: this.passed, failed: this.failed, checks: this.rows }, null, 2));
  }
}
