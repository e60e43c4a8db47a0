import { COMPARISON_HEADERS, comparisonCells, failureHeadline } from "../compare/compare_cells.ts";
import type { CompareSide, Comparison, FailureChange } from "../compare/compare_logs.ts";
import { verdictRule } from "../compare/verdict.ts";
import { buildReportData, REPORT_LIMITS } from "../report/report_data.ts";
import { htmlText } from "./escape_html.ts";
import { htmlPage } from "./page.ts";
import { type HtmlOptions, reportSections } from "./report_page.ts";

/** `compare -o html`: the comparison (sides, new and fixed failures, every action), then HEAD's report. */
export function renderCompareHtml(
  comparison: Comparison,
  head: CompareSide,
  options: HtmlOptions & { failing: boolean },
): string {
  const title =
    `exechist compare: ${comparison.regressions} regressions, ${comparison.newFailures.length} new failures, ${comparison.fixedFailures.length} fixed`;
  const sides = [comparison.base, comparison.head].map((side, i) =>
    `<tr><td>${i === 0 ? "BASE" : "HEAD"}</td><td>${
      htmlText(side.label)
    }</td><td>${side.records}</td><td>${side.counts.success}</td><td>${side.counts.error}</td><td>${side.counts.other}</td></tr>`
  );
  const rows = comparison.names.map((row) => {
    const cells = comparisonCells(row);
    return `<tr>${
      cells.map((c, i) => `<td${i === 1 ? ` class="${row.verdict}"` : ""}>${htmlText(c)}</td>`).join("")
    }</tr>`;
  });
  const names = (label: string, list: readonly string[]) =>
    list.length === 0 ? "" : `<p>${label}: ${list.map(htmlText).join(", ")}</p>\n`;
  const { slower, alpha } = comparison.options;
  const body = `<h1>${options.failing ? '<span class="bad">✗</span>' : '<span class="good">✓</span>'} ${
    htmlText(title)
  }</h1>
<table><thead><tr><th>Side</th><th>Logs</th><th>Executions</th><th>Success</th><th>Error</th><th>Other</th></tr></thead><tbody>${
    sides.join("")
  }</tbody></table>
${failureList("New failures", comparison.newFailures)}${
    failureList("Fixed failures", comparison.fixedFailures)
  }<h2>By action</h2>
<table class="sortable" id="compare"><thead><tr>${
    COMPARISON_HEADERS.map((h) => `<th>${htmlText(h)}</th>`).join("")
  }</tr></thead><tbody>
${rows.join("\n")}
</tbody></table>
${names("New actions", comparison.newNames)}${names("Gone actions", comparison.goneNames)}<p class="note">Rule: ${
    htmlText(verdictRule(slower, alpha))
  }.</p>
<h1>HEAD: ${htmlText(comparison.head.label)}</h1>
${reportSections(head.registry, buildReportData(head.registry, head.positions, "none", REPORT_LIMITS), options)}`;
  return htmlPage(title, body);
}

function failureList(title: string, list: readonly FailureChange[]): string {
  if (list.length === 0) return "";
  const items = list.map((f) =>
    `<li><b>${htmlText(f.name)}</b>: ${htmlText(failureHeadline(f))} <span class="note">(${f.count}×, first at ${
      htmlText(f.source)
    })</span></li>`
  );
  return `<h2>${title} (${list.length})</h2>\n<ul>${items.join("\n")}</ul>\n`;
}
