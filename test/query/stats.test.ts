import assert from "node:assert/strict";
import { test } from "node:test";
import { selectRank } from "../../src/query/stats.ts";
import { prng } from "../helpers/gen_lines.ts";

/** The reference: sort, then interpolate between the two ranks around (n - 1) * q. */
function sortedQuantile(values: Float64Array, q: number): number | null {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * q;
  const a = sorted[Math.floor(rank)]!;
  const b = sorted[Math.ceil(rank)]!;
  return a + (b - a) * (rank - Math.floor(rank));
}

const random = prng(7);
const shapes: Array<(n: number) => Float64Array> = [
  (n) => Float64Array.from({ length: n }, () => -Math.log(1 - random())), // exponential, like durations
  (n) => Float64Array.from({ length: n }, () => Math.floor(random() * 4)), // many ties
  (n) => Float64Array.from({ length: n }, (_, i) => i), // ascending
  (n) => Float64Array.from({ length: n }, (_, i) => n - i), // descending
  (n) => Float64Array.from({ length: n }, (_, i) => (i % 2 ? i : -i)), // organ pipe
];

/** A quantile through selectRank: the two ranks around (n - 1) * q, interpolated. */
function selectQuantile(values: Float64Array, q: number): number | null {
  if (values.length === 0) return null;
  const rank = (values.length - 1) * q;
  const a = selectRank(values, Math.floor(rank));
  const b = selectRank(values, Math.ceil(rank));
  return a + (b - a) * (rank - Math.floor(rank));
}

test("selectRank gives sort-and-interpolate quantiles, with ties, runs and every size up to 300", () => {
  let checked = 0;
  for (const shape of shapes) {
    for (let n = 0; n <= 300; n++) {
      const values = shape(n);
      for (const q of [0, 0.05, 0.5, 0.95, 1]) {
        const expected = sortedQuantile(values, q);
        const copy = Float64Array.from(values);
        assert.equal(selectQuantile(copy, q), expected, `n=${n} q=${q}`);
        assert.deepEqual(Float64Array.from(copy).sort(), Float64Array.from(values).sort(), "a permutation");
        checked++;
      }
    }
  }
  assert.equal(checked, 5 * 301 * 5);
});

test("selectRank puts the rank in place: nothing greater before it, nothing less after it", () => {
  const random = prng(11);
  const values = Float64Array.from({ length: 100_000 }, () => Math.floor(random() * 1000) / 7);
  const sorted = Float64Array.from(values).sort();
  for (const k of [0, 1, 49_999, 94_999, 99_998, 99_999]) {
    const v = selectRank(values, k);
    assert.equal(v, sorted[k]);
    for (let i = 0; i < k; i++) assert.ok(values[i]! <= v);
    for (let i = k + 1; i < values.length; i++) assert.ok(values[i]! >= v);
  }
});

test("selectRank stays linear on inputs that defeat a median of three", () => {
  // A median-of-three killer: the guard must sort the rest rather than go quadratic.
  const n = 1 << 16;
  const values = new Float64Array(n);
  for (let i = 0; i < n / 2; i++) {
    values[i] = i % 2 ? n / 2 + i : i + 1;
    values[n / 2 + i] = 2 * (i + 1);
  }
  const sorted = Float64Array.from(values).sort();
  assert.equal(selectRank(values, n >> 1), sorted[n >> 1]);
});
