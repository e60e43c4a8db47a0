import type { Colors } from "../render/colors.ts";
import { renderTextTable, type TextColumn } from "../render/text_table.ts";
import { oneLine } from "../render/visible_text.ts";
import { COMPARISON_HEADERS, comparisonCells, failureHeadline, plural } from "./compare_cells.ts";
import type { Comparison, FailureChange, SideTotals } from "./compare_logs.ts";
import { verdictRule } from "./verdict.ts";

/** Options of the terminal view. */
export interface CompareTextOptions {
  width: number;
  color: Colors;
}

/** The comparison for a terminal: the sides, a table of every action, then failures and names that changed. */
export function renderCompareText(comparison: Comparison, options: CompareTextOptions): string {
  const { color } = options;
  const lines: string[] = [sideLine("BASE", comparison.base), sideLine("HEAD", comparison.head), ""];
  // renderTextTable shows every cell through oneLine.
  const rows = comparison.names.map(comparisonCells);
  const paint = (text: string, r: number) => {
    const verdict = comparison.names[r]!.verdict;
    return verdict === "slower" ? color.red(text) : verdict === "faster" ? color.green(text) : text;
  };
  const columns: TextColumn[] = COMPARISON_HEADERS.map((header, i) => ({
    header,
    align: i === 0 || i === 1 ? "left" : "right",
    ...(i === 0 ? { minWidth: 12 } : {}),
    ...(i === 1 || i === 5 ? { paint } : {}),
  }));
  lines.push(renderTextTable(columns, rows, options.width, color.bold).trimEnd(), "");
  const { regressions, improvements, options: rule } = comparison;
  lines.push(`${plural(regressions, "regression")}, ${improvements} faster (${verdictRule(rule.slower, rule.alpha)})`);
  failureList(
    lines,
    "New failures",
    comparison.newFailures,
    color,
    (f) =>
      color.red(`✗ ${oneLine(f.name)}: ${oneLine(failureHeadline(f))}`) +
      ` (${f.count}×, first at ${oneLine(f.source)}${f.actionFailedBefore ? "" : "; the action did not fail in BASE"})`,
  );
  failureList(
    lines,
    "Fixed failures",
    comparison.fixedFailures,
    color,
    (f) =>
      color.green(`✓ ${oneLine(f.name)}: ${oneLine(failureHeadline(f))}`) +
      ` (${f.count}× in BASE, first at ${oneLine(f.source)})`,
  );
  if (comparison.newNames.length > 0) lines.push("", `New actions: ${comparison.newNames.map(oneLine).join(", ")}`);
  if (comparison.goneNames.length > 0) lines.push("", `Gone actions: ${comparison.goneNames.map(oneLine).join(", ")}`);
  for (const [name, side] of [["BASE", comparison.base], ["HEAD", comparison.head]] as const) {
    if (side.failuresRead < side.failures) {
      lines.push(
        "",
        color.dim(`Failure kinds of ${name} from its first ${side.failuresRead} of ${side.failures} failures.`),
      );
    }
  }
  return lines.join("\n") + "\n";
}

function sideLine(which: string, side: SideTotals): string {
  const { counts } = side;
  const other = counts.other > 0 ? `, ${counts.other} other` : "";
  const bad = side.badLines > 0 ? `, ${plural(side.badLines, "bad line")}` : "";
  return `${which} ${oneLine(side.label)}: ${plural(side.records, "execution")}, ${counts.error} failed${other}${bad}`;
}

function failureList(
  lines: string[],
  title: string,
  list: readonly FailureChange[],
  color: Colors,
  line: (f: FailureChange) => string,
): void {
  if (list.length === 0) return;
  lines.push("", color.bold(`${title} (${list.length}):`));
  for (const f of list) lines.push(`  ${line(f)}`);
}
