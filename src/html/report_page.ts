import { collectNameSamples } from "../compare/name_samples.ts";
import type { ExecutionRegistry } from "../query/registry.ts";
import type { LocalZone } from "../render/time.ts";
import { formatDuration } from "../render/time.ts";
import type { ReportData } from "../report/report_data.ts";
import { htmlText } from "./escape_html.ts";
import { renderFailuresSection } from "./failures_html.ts";
import { renderNamesTable } from "./names_table.ts";
import { htmlPage } from "./page.ts";
import { renderTimelineSection } from "./timeline_svg.ts";

/** Options of the HTML pages. */
export interface HtmlOptions {
  local: LocalZone;
}

/** The totals as cards; the failure card carries the count the tests read. */
export function totalsCards(data: ReportData): string {
  const card = (label: string, value: string, cls = "") =>
    `<div class="card${cls}"><b>${htmlText(value)}</b>${htmlText(label)}</div>`;
  const { counts, span } = data;
  return `<div class="cards">${
    [
      card("executions", String(data.positions.length)),
      card("success", String(counts.success)),
      card("failed", String(counts.error), counts.error > 0 ? " err" : ""),
      card("other", String(counts.other)),
      card("bad lines", String(data.badLines)),
      card("wall time", span.wallSeconds === null ? "n/a" : formatDuration(span.wallSeconds)),
      card("busy time", span.busySeconds === null ? "n/a" : formatDuration(span.busySeconds)),
    ].join("")
  }</div>\n`;
}

/** The body of a run's report: totals, timeline, per-name table with histograms, failures. */
export function reportSections(registry: ExecutionRegistry, data: ReportData, options: HtmlOptions): string {
  const filtered = data.positions.length !== data.total
    ? `<p class="note">The filters matched ${data.positions.length} of ${data.total} records.</p>\n`
    : "";
  return totalsCards(data) + filtered +
    renderTimelineSection(registry, data.positions, options.local) +
    renderNamesTable(data.names, collectNameSamples(registry, data.positions)) +
    renderFailuresSection(registry, data.failures, options.local);
}

/** `report -o html`: one self-contained page of the run. */
export function renderReportHtml(registry: ExecutionRegistry, data: ReportData, options: HtmlOptions): string {
  const mark = data.failing ? '<span class="bad">✗</span>' : '<span class="good">✓</span>';
  const title = `exechist report: ${data.positions.length} executions, ${data.counts.error} failed`;
  return htmlPage(title, `<h1>${mark} ${htmlText(title)}</h1>\n${reportSections(registry, data, options)}`);
}
