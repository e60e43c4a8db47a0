import type { StatusCounts } from "../query/registry.ts";

/** What the footer of a summary says. */
export interface SummaryTotals {
  total: number;
  matched: number;
  shown: number;
  counts: StatusCounts;
  badLines: number;
  /** Rows or groups that `--limit` left out. */
  leftOut: number;
  /** `rows` or `groups`. */
  unit: string;
  /** The date all shown starts fall on, when the table shows times of day only. */
  startDate?: string | null;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The footer lines: what was left out, then the totals over every record read. */
export function summaryFooter(t: SummaryTotals): string[] {
  const lines: string[] = [];
  if (t.matched === 0) lines.push(`No executions matched (of ${plural(t.total, "record")}).`);
  if (t.leftOut > 0) {
    lines.push(`${t.leftOut} earlier ${t.unit} not shown; --limit 0 shows all.`);
  }
  if (t.startDate) lines.push(`All starts on ${t.startDate}.`);
  lines.push(
    `${plural(t.total, "record")}: ${t.counts.success} success, ${t.counts.error} error, ${t.counts.other} other` +
      `; ${plural(t.badLines, "bad line")}; ${t.matched} matched.`,
  );
  return lines;
}
