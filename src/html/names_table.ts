import type { NameSample } from "../compare/name_samples.ts";
import type { GroupStats } from "../query/group.ts";
import { formatDuration } from "../render/time.ts";
import { htmlText, svgNumber } from "./escape_html.ts";

/** Columns of a duration histogram. */
export const HISTOGRAM_BINS = 24;

/** A small SVG histogram of sorted durations: {@link HISTOGRAM_BINS} equal bins from the lowest to the highest. */
export function histogramSvg(durations: Float64Array): string {
  if (durations.length === 0) return "";
  const low = durations[0]!;
  const high = durations[durations.length - 1]!;
  const counts = new Uint32Array(HISTOGRAM_BINS);
  const width = high - low;
  for (const d of durations) {
    counts[width === 0 ? 0 : Math.min(HISTOGRAM_BINS - 1, Math.floor(((d - low) / width) * HISTOGRAM_BINS))]!++;
  }
  let most = 1;
  for (const c of counts) if (c > most) most = c;
  const bars: string[] = [];
  counts.forEach((c, b) => {
    if (c === 0) return;
    const h = (c / most) * 10;
    bars.push(`<rect x="${b}" y="${svgNumber(10 - h)}" width="0.9" height="${svgNumber(h)}"/>`);
  });
  const tip = `${durations.length} durations from ${formatDuration(low)} to ${
    formatDuration(high)
  } in ${HISTOGRAM_BINS} bins`;
  return `<svg class="h" viewBox="0 0 ${HISTOGRAM_BINS} 10" preserveAspectRatio="none" data-t="${htmlText(tip)}">${
    bars.join("")
  }</svg>`;
}

/** The per-name table (sortable by any column), most errors first, with each name's histogram. */
export function renderNamesTable(names: readonly GroupStats[], samples: Map<string, NameSample>): string {
  const rows = [...names].sort((a, b) => b.error - a.error).map((g) => {
    const name = g.key ?? "";
    const num = (v: number | null, text: string) => `<td data-v="${v === null ? -1 : v}">${text}</td>`;
    return `<tr><td class="name" title="${htmlText(name)}">${htmlText(name)}</td>${num(g.count, String(g.count))}${
      num(g.error, String(g.error))
    }${num(g.errorRate, `${(g.errorRate * 100).toFixed(1)}%`)}${num(g.p50, formatDuration(g.p50))}${
      num(g.p95, formatDuration(g.p95))
    }${num(g.max, formatDuration(g.max))}<td data-v="${g.max ?? -1}">${
      histogramSvg(samples.get(name)?.durations ?? new Float64Array(0))
    }</td></tr>`;
  });
  return `<h2>By name</h2>
<table class="sortable" id="names"><thead><tr><th>Name</th><th>Count</th><th>Errors</th><th>Error rate</th><th>p50</th><th>p95</th><th>Max</th><th>Durations</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
`;
}
