import assert from "node:assert/strict";
import { test } from "node:test";
import { bucketOf, HIGH_WORD, highWords, type KeyBuckets, quantilesByKey } from "../../src/query/quantiles.ts";
import { prng } from "../helpers/gen_lines.ts";

/** The reference: sort each key's values, interpolate between the two ranks around (n - 1) * q. */
function sortedQuantiles(values: number[], qs: number[]): number[] {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return qs.map((q) => {
    if (sorted.length === 0) return NaN;
    const rank = (sorted.length - 1) * q;
    const a = sorted[Math.floor(rank)]!;
    const b = sorted[Math.ceil(rank)]!;
    return a + (b - a) * (rank - Math.floor(rank));
  });
}

/** The tally quantilesByKey needs, taken by hand over the records at `positions`. */
function bucketsOf(keys: Uint16Array, durations: Float64Array, positions: number[], keyCount: number): KeyBuckets {
  const words = highWords(durations);
  const buckets: KeyBuckets = {
    keys: [],
    timed: new Float64Array(keyCount),
    low: new Int32Array(keyCount).fill(0x10000),
    high: new Int32Array(keyCount).fill(-1),
  };
  const seen = new Set<number>();
  for (const i of positions) {
    const k = keys[i]!;
    if (!seen.has(k)) (buckets.keys as number[]).push(k), seen.add(k);
    if (Number.isNaN(durations[i]!)) continue;
    buckets.timed[k]!++;
    const b = bucketOf(words[2 * i + HIGH_WORD]!);
    buckets.low[k] = Math.min(buckets.low[k]!, b);
    buckets.high[k] = Math.max(buckets.high[k]!, b);
  }
  return buckets;
}

test("bucketOf orders doubles as they compare, -0 just below 0", () => {
  const values = [
    -Infinity,
    -1e300,
    -2,
    -1.5,
    -1,
    -5e-324,
    -0,
    0,
    5e-324,
    1e-300,
    0.1,
    1,
    1.0625,
    1.5,
    2,
    1e300,
    Infinity,
  ];
  const buckets = values.map((v) => bucketOf(highWords(new Float64Array([v]))[HIGH_WORD]!));
  for (let i = 1; i < values.length; i++) {
    assert.ok(buckets[i - 1]! <= buckets[i]!, `${values[i - 1]} then ${values[i]}`);
  }
  assert.ok(buckets[6]! < buckets[7]!, "-0 below 0"); // indexOf cannot tell them apart
  assert.ok(buckets.every((b) => b >= 0 && b <= 0xffff));
});

test("quantilesByKey equals sort-and-interpolate per key: ties, signs, zeros, infinities, subnormals, wide spreads, subsets", () => {
  const random = prng(5);
  const shapes: Array<() => number> = [
    () => -Math.log(1 - random()) * 0.3, // exponential, like durations
    () => Math.floor(random() * 3) / 4, // a few values, many ties (one bucket holds most)
    () => (random() - 0.5) * 10, // both signs
    () => [0, -0, 5e-324, -5e-324, 1e-310][Math.floor(random() * 5)]!, // zeros and subnormals
    () => 10 ** (random() * 600 - 300), // spread over more buckets than values: gathered whole
    () => (random() < 0.9 ? random() : [Infinity, -Infinity, NaN][Math.floor(random() * 3)]!),
    () => 42, // one value
  ];
  const qsList = [[0.5, 0.95], [0, 1], [0.05, 0.25, 0.5, 0.75, 0.99]];
  for (let round = 0; round < 20; round++) {
    const keyCount = 1 + Math.floor(random() * 40);
    const size = Math.floor(random() * 3000);
    const keys = new Uint16Array(size);
    const durations = new Float64Array(size);
    const shapeOfKey = Array.from({ length: keyCount }, () => shapes[Math.floor(random() * shapes.length)]!);
    for (let i = 0; i < size; i++) {
      const k = Math.floor(random() ** 2 * keyCount);
      keys[i] = k;
      durations[i] = random() < 0.05 ? NaN : shapeOfKey[k]!();
    }
    const all = Array.from({ length: size }, (_, i) => i);
    const some = all.filter(() => random() < 0.3);
    for (const positions of [undefined, Uint32Array.from(some)]) {
      const at = positions === undefined ? all : [...positions];
      const buckets = bucketsOf(keys, durations, at, keyCount);
      for (const qs of qsList) {
        const got = quantilesByKey(durations, keys, positions, size, buckets, qs);
        for (let k = 0; k < keyCount; k++) {
          const own = at.filter((i) => keys[i] === k).map((i) => durations[i]!);
          const expected = own.length ? sortedQuantiles(own, qs) : qs.map(() => NaN);
          assert.deepEqual(
            [...got.subarray(k * qs.length, (k + 1) * qs.length)],
            expected,
            `round ${round} key ${k} qs ${qs}`,
          );
        }
      }
    }
  }
});
