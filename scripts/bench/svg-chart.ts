/**
 * Grouped bar charts as standalone SVG, for bench-results/report.md. Hand-written rather than a charting
 * library: the report needs a handful of bars, and an SVG file renders on GitHub and in any browser.
 */

export interface BarGroup {
  /** Label under the group, e.g. "16 MiB". */
  label: string;
  /** One value per series, in the order of `series`; null where a series was not measured. */
  values: (number | null)[];
}

export interface BarChart {
  title: string;
  /** Axis unit, e.g. "MiB/s" or "ms". */
  unit: string;
  /** Series names, e.g. ["app", "raw S3"]. */
  series: string[];
  groups: BarGroup[];
}

const WIDTH = 720;
const HEIGHT = 360;
const MARGIN = { top: 48, right: 24, bottom: 64, left: 72 };
const COLORS = ["#0f766e", "#94a3b8", "#b45309", "#6d28d9"];
const TICKS = 5;

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A "nice" axis maximum (1, 2 or 5 times a power of ten) at or above the largest value. */
export function niceMaximum(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * magnitude).find((candidate) => candidate >= value)!;
}

function formatValue(value: number): string {
  return value >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

export function renderBarChart(chart: BarChart): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const measured = chart.groups.flatMap((group) => group.values.filter((v): v is number => v !== null));
  const maximum = niceMaximum(Math.max(0, ...measured));
  const y = (value: number) => MARGIN.top + plotHeight - (value / maximum) * plotHeight;
  const groupWidth = plotWidth / Math.max(1, chart.groups.length);
  const barWidth = (groupWidth * 0.7) / Math.max(1, chart.series.length);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, sans-serif" font-size="12" role="img" aria-label="${escapeXml(chart.title)}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="15" font-weight="600" fill="#0f172a">${escapeXml(chart.title)}</text>`,
  ];
  for (let tick = 0; tick <= TICKS; tick += 1) {
    const value = (maximum / TICKS) * tick;
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(value)}" y2="${y(value)}" stroke="#e2e8f0"/>`);
    parts.push(`<text x="${MARGIN.left - 8}" y="${y(value) + 4}" text-anchor="end" fill="#475569">${formatValue(value)}</text>`);
  }
  parts.push(`<text x="16" y="${MARGIN.top + plotHeight / 2}" transform="rotate(-90 16 ${MARGIN.top + plotHeight / 2})" text-anchor="middle" fill="#475569">${escapeXml(chart.unit)}</text>`);
  chart.groups.forEach((group, g) => {
    const groupStart = MARGIN.left + g * groupWidth + groupWidth * 0.15;
    group.values.forEach((value, s) => {
      if (value === null) return;
      const x = groupStart + s * barWidth;
      parts.push(`<rect x="${x}" y="${y(value)}" width="${barWidth - 2}" height="${MARGIN.top + plotHeight - y(value)}" fill="${COLORS[s % COLORS.length]}"><title>${escapeXml(`${chart.series[s]} ${group.label}: ${value} ${chart.unit}`)}</title></rect>`);
      parts.push(`<text x="${x + (barWidth - 2) / 2}" y="${y(value) - 4}" text-anchor="middle" fill="#0f172a" font-size="10">${formatValue(value)}</text>`);
    });
    parts.push(`<text x="${MARGIN.left + g * groupWidth + groupWidth / 2}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle" fill="#0f172a">${escapeXml(group.label)}</text>`);
  });
  chart.series.forEach((name, s) => {
    const x = MARGIN.left + s * 140;
    parts.push(`<rect x="${x}" y="${HEIGHT - 24}" width="12" height="12" fill="${COLORS[s % COLORS.length]}"/>`);
    parts.push(`<text x="${x + 18}" y="${HEIGHT - 14}" fill="#0f172a">${escapeXml(name)}</text>`);
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
