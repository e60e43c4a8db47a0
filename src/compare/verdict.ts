import type { NameFigures } from "./name_samples.ts";

/** What a comparison says of one action. */
export type Verdict = "slower" | "faster" | "same" | "new" | "gone" | "untimed";

/** The rule, in words, for the reports. */
export function verdictRule(slower: number, alpha: number): string {
  const pct = formatPercent(slower);
  return `slower: p50 at least ${pct} higher in HEAD and a Mann–Whitney U test of the durations gives p < ${alpha}; ` +
    `faster: p50 at least ${pct} lower, p < ${alpha}`;
}

/**
 * An action is slower when its HEAD p50 is higher than BASE's by at least `slower`
 * (relative) AND the rank test says the durations differ (p < `alpha`): a large sample
 * makes tiny shifts significant, and a small one makes large shifts chance, so both
 * must hold. Faster is the mirror (p50 lower by at least `slower`).
 */
export function verdictOf(
  base: NameFigures | null,
  head: NameFigures | null,
  change: number | null,
  p: number | null,
  options: { slower: number; alpha: number },
): Verdict {
  if (base === null) return "new";
  if (head === null) return "gone";
  if (base.p50 === null || head.p50 === null || p === null) return "untimed";
  if (p >= options.alpha) return "same";
  // BASE p50 of 0: any HEAD time is an increase without a ratio.
  const rise = change ?? (head.p50 > base.p50 ? Infinity : 0);
  if (rise >= options.slower) return "slower";
  if (rise <= -options.slower) return "faster";
  return "same";
}

/** A fraction as a percent for people: `20%`, `12.5%`. */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  return `${Number.isInteger(pct) ? String(pct) : pct.toFixed(1)}%`;
}
