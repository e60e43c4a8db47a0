import { prefixMedians } from "./running_median.ts";

/** A lasting change in a series: from run `at` on, the values sit apart from those before. */
export interface StepChange {
  /** Index (in the series) of the first run after the step. */
  at: number;
  /** Median before and from `at` on. */
  before: number;
  after: number;
  /** (after − before) / before. */
  change: number;
}

/**
 * The largest step in a series: a split with at least two values on each side (one
 * outlying run is not a step),
 * where every value after is above every value before (or every one below), and the
 * medians differ by at least `threshold` (relative). Missing values are skipped. The
 * split with the largest relative change wins; ties go to the earliest. Null when none.
 */
export function findStepChange(series: ReadonlyArray<number | null>, threshold: number): StepChange | null {
  const at: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < series.length; i++) {
    const v = series[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) {
      at.push(i);
      values.push(v);
    }
  }
  const m = values.length;
  if (m < 4) return null;
  // Extremes before each split and from it on, and the medians of both sides: each split in
  // O(1), so thousands of runs (one per run_id) cost no more than sorting them.
  const maxBefore = new Float64Array(m + 1).fill(-Infinity);
  const minBefore = new Float64Array(m + 1).fill(Infinity);
  for (let k = 1; k <= m; k++) {
    maxBefore[k] = Math.max(maxBefore[k - 1]!, values[k - 1]!);
    minBefore[k] = Math.min(minBefore[k - 1]!, values[k - 1]!);
  }
  const maxAfter = new Float64Array(m + 1).fill(-Infinity);
  const minAfter = new Float64Array(m + 1).fill(Infinity);
  for (let k = m - 1; k >= 0; k--) {
    maxAfter[k] = Math.max(maxAfter[k + 1]!, values[k]!);
    minAfter[k] = Math.min(minAfter[k + 1]!, values[k]!);
  }
  const medianBefore = prefixMedians(values);
  const medianAfterReversed = prefixMedians(values.slice().reverse());
  let best: StepChange | null = null;
  for (let k = 2; k <= m - 2; k++) {
    const rises = minAfter[k]! > maxBefore[k]!;
    const falls = maxAfter[k]! < minBefore[k]!;
    if (!rises && !falls) continue;
    const b = medianBefore[k]!;
    const a = medianAfterReversed[m - k]!;
    if (b <= 0) continue;
    const change = (a - b) / b;
    if (Math.abs(change) < threshold) continue;
    if (best === null || Math.abs(change) > Math.abs(best.change)) {
      best = { at: at[k]!, before: b, after: a, change };
    }
  }
  return best;
}
