import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeReport } from "./report";
import { niceMaximum, renderBarChart } from "./svg-chart";

describe("benchmark report", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("tables every results file and charts the upload and dashboard figures", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "bench-report-"));
    await writeFile(path.join(dir, "upload.json"), JSON.stringify({ upload_app_mib_per_s_1m: 40.5, upload_raw_mib_per_s_1m: 80, upload_ratio_1m: 0.506 }));
    await writeFile(path.join(dir, "dashboard.json"), JSON.stringify({ p95_10_ms: 120, p95_10k_ms: 150, p95_ratio: 1.25, errors: 0 }));
    await writeFile(path.join(dir, "login.json"), JSON.stringify({ login_p95_ms: 90 }));

    const report = await readFile(await writeReport(dir, { login: "sign-in p95" }, new Date("2026-12-01T00:00:00Z")), "utf8");
    expect(report).toContain("Written 2026-12-01T00:00:00.000Z");
    expect(report).toContain("| `upload_ratio_1m` | 0.506 |");
    expect(report).toContain("| `p95_ratio` | 1.25 |");
    expect(report).toContain("sign-in p95.");
    expect(report).toContain("![Upload and download throughput");
    expect(report).not.toContain("charts/login.svg");

    const upload = await readFile(path.join(dir, "charts", "upload.svg"), "utf8");
    expect(upload).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // One bar per measured value: app and raw upload at 1 MiB; the other sizes and downloads were not measured.
    expect(upload.match(/<rect [^>]*><title>/g)).toHaveLength(2);
    expect(upload).toContain("<title>app upload 1 MiB: 40.5 MiB/s</title>");
  });

  it("says so when there are no results", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "bench-report-"));
    expect(await readFile(await writeReport(dir), "utf8")).toContain("No results yet");
  });

  it("escapes labels and scales the axis to a round maximum", () => {
    expect(niceMaximum(0)).toBe(1);
    expect(niceMaximum(7.2)).toBe(10);
    expect(niceMaximum(130)).toBe(200);
    expect(niceMaximum(500)).toBe(500);
    const svg = renderBarChart({ title: "a < b & c", unit: "ms", series: ["x"], groups: [{ label: "p95", values: [42] }] });
    expect(svg).toContain("a &lt; b &amp; c");
    expect(svg).not.toContain("a < b");
  });
});
