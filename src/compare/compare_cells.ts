import { formatDuration } from "../render/time.ts";
import type { FailureChange, NameComparison } from "./compare_logs.ts";
import type { NameFigures } from "./name_samples.ts";

/** A relative change as a signed percent with one decimal: `+30.0%`, `-4.2%`; `n/a` when unknown. */
export function formatChange(change: number | null): string {
  if (change === null || !Number.isFinite(change)) return "n/a";
  const pct = (change * 100).toFixed(1);
  return pct.startsWith("-") && pct !== "-0.0" ? `${pct}%` : `+${pct.replace("-", "")}%`;
}

/** A p-value to four decimals, `<0.0001` below that; `n/a` when there is none. */
export function formatP(p: number | null): string {
  if (p === null) return "n/a";
  return p < 0.0001 ? "<0.0001" : p.toFixed(4);
}

/** `BASE → HEAD` of one figure; a side without the action shows `-`. */
export function pair(
  row: NameComparison,
  pick: (f: NameFigures) => number | null,
  format: (v: number | null) => string = formatDuration,
): string {
  const side = (f: NameFigures | null) => (f === null ? "-" : format(pick(f)));
  return `${side(row.base)} → ${side(row.head)}`;
}

/** A count as text (null: n/a). */
export const countText = (n: number | null): string => (n === null ? "n/a" : String(n));

/** The cells of one comparison row, uncut and unescaped: name, verdict, count, errors, p50, change, p95, max, p. */
export function comparisonCells(row: NameComparison): string[] {
  return [
    row.name,
    row.verdict,
    pair(row, (f) => f.count, countText),
    pair(row, (f) => f.error, countText),
    pair(row, (f) => f.p50),
    formatChange(row.change),
    pair(row, (f) => f.p95),
    pair(row, (f) => f.max),
    formatP(row.p),
  ];
}

/** The headers of {@link comparisonCells}. */
export const COMPARISON_HEADERS = ["Name", "Verdict", "Count", "Errors", "p50", "Δ p50", "p95", "Max", "p"] as const;

/** `Type: message`, or whichever part there is, or a stand-in. */
export function failureHeadline(f: FailureChange): string {
  if (f.type && f.message) return `${f.type}: ${f.message}`;
  return f.type || f.message || "(no exception recorded)";
}

/** `n execution(s)`-style counting. */
export function plural(n: number, one: string, many = one + "s"): string {
  return `${n} ${n === 1 ? one : many}`;
}
