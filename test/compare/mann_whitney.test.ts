import assert from "node:assert/strict";
import { test } from "node:test";
import { exactP, mannWhitney } from "../../src/compare/mann_whitney.ts";
import { erfc, twoSidedP } from "../../src/compare/normal.ts";

const sorted = (values: number[]) => Float64Array.from(values).sort();
const close = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);

test("erfc and the two-sided p of a z score match their tables", () => {
  close(erfc(0), 1, 1e-7, "erfc(0)");
  close(erfc(1), 0.157299207, 1e-7, "erfc(1)");
  close(erfc(-1), 1.842700793, 1e-7, "erfc(-1)");
  close(twoSidedP(1.959964), 0.05, 1e-6, "p at 1.96");
  close(twoSidedP(2.575829), 0.01, 1e-6, "p at 2.576");
  close(twoSidedP(-2.575829), 0.01, 1e-6, "the sign does not matter");
});

// Known answers from scipy.stats.mannwhitneyu (its documentation's example: males and females).
const MALES = sorted([19, 22, 16, 29, 24]);
const FEMALES = sorted([20, 11, 17, 12]);

test("small samples without ties: the exact distribution (scipy: U = 17, p = 0.1111)", () => {
  const result = mannWhitney(MALES, FEMALES)!;
  assert.equal(result.method, "exact");
  assert.equal(result.u, 3); // U of the second sample: 20 - 17
  close(result.p, 1 / 9, 1e-12, "p");
  // Fully separated samples of three: 2 orderings of 20 are as extreme.
  close(mannWhitney(sorted([1, 2, 3]), sorted([4, 5, 6]))!.p, 0.1, 1e-12, "3 vs 3");
  close(exactP(3, 3, 9), 0.1, 1e-12, "the other tail");
  assert.equal(exactP(4, 4, 8), 1, "U at the centre");
});

test("ties: mean ranks and the tie-corrected normal approximation with continuity correction", () => {
  const result = mannWhitney(sorted([1, 2, 2, 3, 4]), sorted([2, 3, 3, 5, 6, 7]))!;
  assert.equal(result.method, "normal");
  assert.equal(result.u, 24);
  // By hand: mean 15, Σ(t³ − t) = 24 + 24 = 48, var = 30/12 · (12 − 48/110) = 28.909; z = 8.5 / 5.3768
  close(result.p, twoSidedP(8.5 / Math.sqrt((30 / 12) * (12 - 48 / 110))), 1e-12, "p");
  close(result.p, 0.1139, 5e-5, "p");
});

test("large samples use the normal approximation; equal samples give p = 1; an empty one gives nothing", () => {
  const a = sorted(Array.from({ length: 100 }, (_, i) => i));
  const b = sorted(Array.from({ length: 100 }, (_, i) => i + 30));
  const result = mannWhitney(a, b)!;
  assert.equal(result.method, "normal");
  assert.ok(result.p < 1e-5, `shifted by 30 of 100: ${result.p}`);
  assert.equal(mannWhitney(sorted([5, 5, 5]), sorted([5, 5]))!.p, 1);
  assert.equal(mannWhitney(sorted([]), b), null);
});
