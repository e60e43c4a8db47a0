import { twoSidedP } from "./normal.ts";

/** The outcome of a Mann–Whitney U test of two samples. */
export interface RankTest {
  /** U of the second sample: how often one of its values exceeds one of the first's (ties count half). */
  u: number;
  /** Two-sided p-value. */
  p: number;
  /** How p was found: the exact distribution (small samples without ties) or the normal approximation. */
  method: "exact" | "normal";
}

/** Samples up to this product of sizes, without ties, get the exact distribution of U. */
export const EXACT_LIMIT = 400;

/**
 * The Mann–Whitney U test (Wilcoxon rank-sum) of `a` against `b`, both sorted ascending
 * and without NaN: ranks by one merge, ties given their mean rank. p is two-sided: from
 * the exact distribution when the samples are small and untied, else from the normal
 * approximation with the tie correction of the variance and a continuity correction.
 * Null when either sample is empty.
 */
export function mannWhitney(a: Float64Array, b: Float64Array): RankTest | null {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return null;
  const { rankSumB, tieTerm } = mergeRanks(a, b);
  const u = rankSumB - (n2 * (n2 + 1)) / 2;
  if (tieTerm === 0 && n1 * n2 <= EXACT_LIMIT) return { u, p: exactP(n1, n2, u), method: "exact" };
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { u, p: 1, method: "normal" }; // every value equal
  const z = Math.max(0, Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
  return { u, p: twoSidedP(z), method: "normal" };
}

/** The rank sum of `b` in the merged samples (mean ranks for ties), and Σ(t³ − t) over the tied groups. */
function mergeRanks(a: Float64Array, b: Float64Array): { rankSumB: number; tieTerm: number } {
  let i = 0;
  let j = 0;
  let rank = 0; // values ranked so far
  let rankSumB = 0;
  let tieTerm = 0;
  while (i < a.length || j < b.length) {
    const v = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    let inA = 0;
    let inB = 0;
    while (i < a.length && a[i] === v) i++, inA++;
    while (j < b.length && b[j] === v) j++, inB++;
    const t = inA + inB;
    // Ranks rank+1 .. rank+t share their mean.
    rankSumB += inB * (rank + (t + 1) / 2);
    if (t > 1) tieTerm += t * t * t - t;
    rank += t;
  }
  return { rankSumB, tieTerm };
}

/** Two-sided p of U = u for samples of n1 and n2 without ties, from the exact distribution. */
export function exactP(n1: number, n2: number, u: number): number {
  const counts = exactCounts(n1, n2);
  let total = 0;
  let below = 0;
  let above = 0;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k]!;
    total += c;
    if (k <= u) below += c;
    if (k >= u) above += c;
  }
  return Math.min(1, (2 * Math.min(below, above)) / total);
}

/** How many orderings of n1 and n2 values give each U from 0 to n1·n2 (f(m, n) = f(m − 1, n) shifted by n + f(m, n − 1)). */
function exactCounts(n1: number, n2: number): Float64Array {
  // rows[m] holds f(m, n) for the current n; n grows from 0 to n2.
  let rows: Float64Array[] = [];
  for (let m = 0; m <= n1; m++) rows.push(Float64Array.of(1)); // f(m, 0): U = 0 only
  for (let n = 1; n <= n2; n++) {
    const next: Float64Array[] = [Float64Array.of(1)]; // f(0, n)
    for (let m = 1; m <= n1; m++) {
      const f = new Float64Array(m * n + 1);
      const left = next[m - 1]!; // f(m − 1, n): the largest value is one of the m, adding n to U
      for (let k = 0; k < left.length; k++) f[k + n]! += left[k]!;
      const up = rows[m]!; // f(m, n − 1): the largest value is one of the n
      for (let k = 0; k < up.length; k++) f[k]! += up[k]!;
      next.push(f);
    }
    rows = next;
  }
  return rows[n1]!;
}
