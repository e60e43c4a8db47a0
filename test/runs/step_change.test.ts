import assert from "node:assert/strict";
import { test } from "node:test";
import { prefixMedians } from "../../src/runs/running_median.ts";
import { findStepChange, type StepChange } from "../../src/runs/step_change.ts";
import { prng } from "../helpers/gen_lines.ts";

/** The definition, split by split, sorting each side: what findStepChange must agree with. */
function stepByDefinition(series: ReadonlyArray<number | null>, threshold: number): StepChange | null {
  const points = series.flatMap((v, i) => (v !== null && Number.isFinite(v) ? [[i, v] as const] : []));
  const median = (values: number[]) => {
    const s = [...values].sort((x, y) => x - y);
    const mid = s.length >> 1;
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  };
  let best: StepChange | null = null;
  for (let k = 2; k <= points.length - 2; k++) {
    const before = points.slice(0, k).map(([, v]) => v);
    const after = points.slice(k).map(([, v]) => v);
    const rises = Math.min(...after) > Math.max(...before);
    const falls = Math.max(...after) < Math.min(...before);
    if (!rises && !falls) continue;
    const [b, a] = [median(before), median(after)];
    if (b <= 0 || Math.abs((a - b) / b) < threshold) continue;
    if (best === null || Math.abs((a - b) / b) > Math.abs(best.change)) {
      best = { at: points[k]![0], before: b, after: a, change: (a - b) / b };
    }
  }
  return best;
}

test("prefix medians: odd and even counts, as sorting gives them", () => {
  assert.deepEqual([...prefixMedians([5, 1, 3, 2, 4, 4])].slice(1), [5, 3, 3, 2.5, 3, 3.5]);
  assert.ok(Number.isNaN(prefixMedians([])[0]!));
});

test("step changes agree with the definition on seeded random series, gaps and steps", () => {
  const r = prng(7);
  for (let n = 0; n < 400; n++) {
    const length = 1 + Math.floor(r() * 30);
    const stepAt = Math.floor(r() * length);
    const series = Array.from(
      { length },
      (_, i) => r() < 0.1 ? null : Math.round((i >= stepAt ? 2 : 1) * (1 + (r() - 0.5) * 0.3) * 100) / 100,
    );
    for (const threshold of [0.1, 0.2, 0.5]) {
      assert.deepEqual(findStepChange(series, threshold), stepByDefinition(series, threshold), JSON.stringify(series));
    }
  }
});

test("a step among 300,000 runs (a run per run_id) is found, with no spread of the series", () => {
  const series = Array.from({ length: 300_000 }, (_, i) => (i < 200_000 ? 1 + (i % 10) / 100 : 2 + (i % 10) / 100));
  assert.deepEqual(findStepChange(series, 0.2), {
    at: 200_000,
    before: 1.045,
    after: 2.045,
    change: (2.045 - 1.045) / 1.045,
  });
});
