/**
 * bench-results/report.md: every benchmark's latest figures (bench-results/<name>.json) as tables, with
 * SVG charts for the ones a reader compares at a glance. Written by `npm run bench` after each run, from
 * whatever results files exist, so running one benchmark refreshes its section and keeps the others.
 */
import { cpus, totalmem } from "node:os";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderBarChart, type BarChart } from "./svg-chart";

type Metrics = Record<string, number>;

const UPLOAD_SIZES = [
  ["64k", "64 KiB"],
  ["1m", "1 MiB"],
  ["16m", "16 MiB"],
  ["256m", "256 MiB"],
] as const;

const value = (metrics: Metrics, key: string) => (typeof metrics[key] === "number" ? metrics[key] : null);

/** The charts the issues ask for, by benchmark; each returns null when its figures are missing. */
const CHARTS: Record<string, (m: Metrics) => BarChart | null> = {
  upload: (m) => ({
    title: "Upload and download throughput by file size (concurrency 4): app vs raw S3, same run",
    unit: "MiB/s",
    series: ["app upload", "raw S3 PUT", "app download", "raw S3 GET"],
    groups: UPLOAD_SIZES.map(([key, label]) => ({
      label,
      values: [value(m, `upload_app_mib_per_s_${key}`), value(m, `upload_raw_mib_per_s_${key}`), value(m, `download_app_mib_per_s_${key}`), value(m, `download_raw_mib_per_s_${key}`)],
    })),
  }),
  anchor: (m) =>
    value(m, "lag_p50_ms") === null
      ? null
      : {
          title: "Anchor lag: outbox commit → confirmed on chain",
          unit: "ms",
          series: ["lag"],
          groups: [
            { label: "p50", values: [value(m, "lag_p50_ms")] },
            { label: "p95", values: [value(m, "lag_p95_ms")] },
            { label: "max", values: [value(m, "lag_max_ms")] },
          ],
        },
  booking: (m) =>
    value(m, "booking_p50_ms") === null
      ? null
      : {
          title: "Booking latency over HTTP, 50 concurrent clients, vs the cheapest authenticated action",
          unit: "ms",
          series: ["booking", "no-op action"],
          groups: [
            { label: "p50", values: [value(m, "booking_p50_ms"), null] },
            { label: "p95", values: [value(m, "booking_p95_ms"), value(m, "noop_p95_ms")] },
            { label: "p99", values: [value(m, "booking_p99_ms"), null] },
          ],
        },
  dashboard: (m) =>
    value(m, "p95_10_ms") === null
      ? null
      : {
          title: "Page load p95, 50 concurrent clients: 10 vs 10,000 documents",
          unit: "ms",
          series: ["10 documents", "10,000 documents"],
          groups: [
            { label: "dashboard (/patient)", values: [value(m, "p95_10_ms"), value(m, "p95_10k_ms")] },
            { label: "documents page", values: [value(m, "documents_p95_10_ms"), value(m, "documents_p95_10k_ms")] },
          ],
        },
};

async function readResults(resultsDir: string): Promise<[string, Metrics][]> {
  const files = (await readdir(resultsDir).catch(() => [] as string[])).filter((file) => file.endsWith(".json")).sort();
  return Promise.all(files.map(async (file) => [path.basename(file, ".json"), JSON.parse(await readFile(path.join(resultsDir, file), "utf8")) as Metrics] as [string, Metrics]));
}

function table(metrics: Metrics): string {
  return ["| metric | value |", "| --- | ---: |", ...Object.entries(metrics).map(([key, figure]) => `| \`${key}\` | ${figure} |`)].join("\n");
}

/** Writes report.md and charts/*.svg into `resultsDir`; returns the report's path. */
export async function writeReport(resultsDir: string, descriptions: Record<string, string> = {}, now = new Date()): Promise<string> {
  const results = await readResults(resultsDir);
  await mkdir(path.join(resultsDir, "charts"), { recursive: true });
  const cpu = cpus();
  const sections: string[] = [
    "# MedAnchor benchmark report",
    "",
    `Written ${now.toISOString()} by \`npm run bench\` on ${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}.`,
    "Every ratio compares the app with a baseline measured in the same run (raw S3, a bare contract call loop, the cheapest authenticated action, a small record), so the figures hold across machines better than absolute times do.",
  ];
  for (const [name, metrics] of results) {
    sections.push("", `## ${name}`, "");
    if (descriptions[name]) sections.push(`${descriptions[name]}.`, "");
    const chart = CHARTS[name]?.(metrics);
    if (chart) {
      await writeFile(path.join(resultsDir, "charts", `${name}.svg`), renderBarChart(chart));
      sections.push(`![${chart.title}](charts/${name}.svg)`, "");
    }
    sections.push(table(metrics));
  }
  if (results.length === 0) sections.push("", "No results yet: run `npm run bench`.");
  const file = path.join(resultsDir, "report.md");
  await writeFile(file, `${sections.join("\n")}\n`);
  return file;
}
