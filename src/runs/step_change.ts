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
  const points: Array<[number, number]> = [];
  series.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) points.push([i, v]);
  });
  let best: StepChange | null = null;
  for (let k = 2; k <= points.length - 2; k++) {
    const before = points.slice(0, k).map(([, v]) => v);
    const after = points.slice(k).map(([, v]) => v);
    const rises = Math.min(...after) > Math.max(...before);
    const falls = Math.max(...after) < Math.min(...before);
    if (!rises && !falls) continue;
    const b = median(before);
    const a = median(after);
    if (b <= 0) continue;
    const change = (a - b) / b;
    if (Math.abs(change) < threshold) continue;
    if (best === null || Math.abs(change) > Math.abs(best.change)) {
      best = { at: points[k]![0], before: b, after: a, change };
    }
  }
  return best;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
