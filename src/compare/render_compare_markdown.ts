import { ByteBudget, GITHUB_SUMMARY_LIMIT } from "../report/markdown_budget.ts";
import { escapeTableCell } from "../render/markdown_escape.ts";
import { markdownTableHead, markdownTableRow } from "../render/markdown_table.ts";
import { cutChars } from "../render/cut_text.ts";
import { COMPARISON_HEADERS, comparisonCells, failureHeadline, plural } from "./compare_cells.ts";
import type { Comparison, FailureChange } from "./compare_logs.ts";
import { verdictRule } from "./verdict.ts";

/** How the markdown comparison is kept small. */
export interface CompareMarkdownOptions {
  maxBytes: number;
  /** Rows of the per-action table and of each failure list. */
  maxRows: number;
  /** True when `--fail-on` is met: the headline's mark. */
  failing: boolean;
}

/** The defaults: under GitHub's 1 MiB job-summary limit. */
export const COMPARE_MARKDOWN_DEFAULTS: Omit<CompareMarkdownOptions, "failing"> = {
  maxBytes: GITHUB_SUMMARY_LIMIT - 64 * 1024,
  maxRows: 100,
};

const MARK: Record<string, string> = { slower: "🔺 slower", faster: "🟢 faster", new: "🆕 new", gone: "➖ gone" };

/**
 * The comparison as GitHub-flavoured markdown (a PR comment or a job summary): headline,
 * the two sides, new and fixed failures, then the actions that changed and the rest.
 */
export function renderCompareMarkdown(
  comparison: Comparison,
  write: (text: string) => void,
  options: CompareMarkdownOptions,
): void {
  const out = new ByteBudget(options.maxBytes, write);
  const { base, head } = comparison;
  const parts = [
    plural(comparison.regressions, "regression"),
    plural(comparison.newFailures.length, "new failure"),
    `${comparison.fixedFailures.length} fixed`,
  ];
  // Green only when nothing got worse: with --fail-on none the gate passes, but a regression is still no good news.
  const worse = comparison.regressions > 0 || comparison.newFailures.length > 0;
  out.write(`## ${options.failing ? "❌" : worse ? "⚠️" : "✅"} exechist compare: ${parts.join(", ")}\n\n`);
  out.write(markdownTableHead([
    { header: "Side", align: "left" },
    { header: "Logs", align: "left" },
    { header: "Executions", align: "right" },
    { header: "Success", align: "right" },
    { header: "Error", align: "right" },
    { header: "Other", align: "right" },
  ]));
  for (const [which, side] of [["BASE", base], ["HEAD", head]] as const) {
    out.write(
      markdownTableRow([
        which,
        side.label,
        ...[side.records, side.counts.success, side.counts.error, side.counts.other].map(String),
      ]),
    );
  }
  failureSection(
    out,
    "New failures",
    comparison.newFailures,
    options.maxRows,
    (f) =>
      `${f.count}×, first at ${escapeTableCell(f.source)}${
        f.actionFailedBefore ? "" : "; the action did not fail in BASE"
      }`,
  );
  failureSection(
    out,
    "Fixed failures",
    comparison.fixedFailures,
    options.maxRows,
    (f) => `${f.count}× in BASE, first at ${escapeTableCell(f.source)}`,
  );
  namesSection(out, comparison, options.maxRows);
  const { slower, alpha } = comparison.options;
  out.write(`\n_Rule: ${escapeTableCell(verdictRule(slower, alpha))}._\n`);
}

function failureSection(
  out: ByteBudget,
  title: string,
  list: readonly FailureChange[],
  maxRows: number,
  facts: (f: FailureChange) => string,
): void {
  if (list.length === 0) return;
  out.write(`\n### ${title} (${list.length})\n\n`);
  let shown = 0;
  for (const f of list.slice(0, maxRows)) {
    const line = `- **${escapeTableCell(cutChars(f.name, 200))}**: ${
      escapeTableCell(cutChars(failureHeadline(f), 300))
    } (${facts(f)})\n`;
    if (!out.offer(line)) break;
    shown++;
  }
  if (shown < list.length) out.write(`- _… ${list.length - shown} more; \`-o json\` lists every one._\n`);
}

function namesSection(out: ByteBudget, comparison: Comparison, maxRows: number): void {
  const { names } = comparison;
  if (names.length === 0) return;
  out.write("\n### By action\n\n");
  let shown = 0;
  if (
    out.offer(markdownTableHead(COMPARISON_HEADERS.map((header, i) => ({ header, align: i < 2 ? "left" : "right" }))))
  ) {
    for (const row of names.slice(0, maxRows)) {
      const cells = comparisonCells(row);
      cells[1] = MARK[row.verdict] ?? row.verdict;
      if (!out.offer(markdownTableRow(cells))) break;
      shown++;
    }
  }
  if (shown < names.length) {
    out.write(`\n_… ${plural(names.length - shown, "more action")} not shown; \`-o json\` lists every one._\n`);
  }
}
