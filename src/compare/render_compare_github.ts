import { cutChars } from "../render/cut_text.ts";
import { visibleText } from "../render/visible_text.ts";
import { workflowCommand } from "../report/workflow_command.ts";
import { formatDuration } from "../render/time.ts";
import { failureHeadline, formatChange, formatP, plural } from "./compare_cells.ts";
import type { Comparison } from "./compare_logs.ts";

/** GitHub shows at most 10 annotations of a kind per step. */
export const MAX_ANNOTATIONS = 10;

/**
 * The comparison as GitHub Actions workflow commands: an `::error` for each new
 * failure, a `::warning` for each slower action (the first ten of each), then one
 * `::notice` with the totals. Text from the input has its control characters shown
 * as `\xNN` before the toolkit's escaping.
 */
export function renderCompareGithub(comparison: Comparison, write: (text: string) => void): void {
  const clean = (text: string, max: number) => visibleText(cutChars(text, max));
  for (const f of comparison.newFailures.slice(0, MAX_ANNOTATIONS)) {
    const why = f.actionFailedBefore ? "an exception not seen in BASE" : "the action did not fail in BASE";
    const message = `${failureHeadline(f)}\n${f.count}× in HEAD, first at ${f.source}; ${why}`;
    write(workflowCommand("error", [["title", clean(`New failure: ${f.name}`, 200)]], clean(message, 4000)) + "\n");
  }
  const slower = comparison.names.filter((n) => n.verdict === "slower");
  for (const row of slower.slice(0, MAX_ANNOTATIONS)) {
    const message = `p50 ${formatDuration(row.base!.p50)} → ${formatDuration(row.head!.p50)} (${
      formatChange(row.change)
    }), p95 ${formatDuration(row.base!.p95)} → ${formatDuration(row.head!.p95)}, p = ${formatP(row.p)}`;
    write(workflowCommand("warning", [["title", clean(`Slower: ${row.name}`, 200)]], message) + "\n");
  }
  const text = `${plural(comparison.regressions, "regression")}, ${comparison.improvements} faster, ${
    plural(comparison.newFailures.length, "new failure")
  }, ${comparison.fixedFailures.length} fixed; ${comparison.newNames.length} new and ${comparison.goneNames.length} gone actions`;
  write(workflowCommand("notice", [["title", "exechist compare"]], text) + "\n");
}
