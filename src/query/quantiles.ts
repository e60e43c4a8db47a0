import type { IdColumn } from "../columns/columns.ts";
import { selectRank } from "./stats.ts";

/**
 * Exact quantiles of the durations of every key at once, without gathering them all.
 * A double's high 32 bits, made to order as the doubles do (the sign flipped, negatives
 * inverted), give its bucket: sign, exponent and four bits of the fraction. One pass
 * counts each key's durations by bucket; the counts say which bucket holds each rank
 * needed; a second pass gathers only the values of those buckets, and a selection in
 * a bucket gives the rank exactly. (Gathering a million durations by key cost 8 MB of
 * fresh pages, ~25 ms on this project's VM, and selections over all of them; the
 * buckets needed hold a few per cent.) A key whose durations are spread over more
 * buckets than it has durations gets no counts: all its values are gathered.
 */

/** Which 32-bit half of a double is the high one on this machine: 1 little-endian, 0 big-endian. */
export const HIGH_WORD = new Uint32Array(new Float64Array([-0]).buffer)[1] === 0x80000000 ? 1 : 0;

/** The bucket of a double from its high 32 bits: 0 to 0xffff, in the order of the doubles (-0 just below 0). */
export function bucketOf(high: number): number {
  return high >= 0x80000000 ? (~high >>> 16) & 0xffff : (high >>> 16) | 0x8000;
}

/** The 32-bit halves of `values`: value i's high one at `2 * i + HIGH_WORD`. */
export function highWords(values: Float64Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
}

/** What {@link quantilesByKey} needs of each key (indexed by key): durations, and their lowest and highest bucket. */
export interface KeyBuckets {
  keys: readonly number[];
  timed: Float64Array;
  low: Int32Array;
  high: Int32Array;
}

/** The records to look at: all `size` of them, or those at `positions`. */
interface Records {
  duration: Float64Array;
  words: Uint32Array;
  keyColumn: IdColumn;
  positions: Uint32Array | undefined;
  size: number;
}

/**
 * The `qs` quantiles (numpy's linear interpolation) of the non-NaN `duration`
 * of each key's records, all of them or those at `positions`: key k's j-th at
 * `k * qs.length + j`, NaN for a key without durations.
 */
export function quantilesByKey(
  duration: Float64Array,
  keyColumn: IdColumn,
  positions: Uint32Array | undefined,
  size: number,
  buckets: KeyBuckets,
  qs: readonly number[],
): Float64Array {
  const records: Records = { duration, words: highWords(duration), keyColumn, positions, size };
  const { keys, timed, low, high } = buckets;
  // Where each dense key's counts start, for its lowest bucket; -1: its values are all gathered.
  const base = new Int32Array(timed.length).fill(-1);
  let slots = 0;
  for (const k of keys) {
    const span = high[k]! - low[k]! + 1;
    if (timed[k]! > 0 && span <= timed[k]!) {
      base[k] = slots;
      slots += span;
    }
  }
  const counts = countBuckets(records, base, low, slots);
  // The blocks to gather (a bucket holding a rank needed, or a whole key), and each rank's block and rank in it.
  const blockOfSlot = new Int32Array(slots).fill(-1);
  const blockOfKey = new Int32Array(timed.length).fill(-1);
  const blockSizes: number[] = [];
  const stride = 4 * qs.length; // per key, two ranks a quantile, each a block and a rank in it
  const wanted = new Float64Array(stride * timed.length);
  for (const k of keys) {
    const t = timed[k]!;
    if (t === 0) continue;
    const ranks = qs.flatMap((q) => [Math.floor((t - 1) * q), Math.ceil((t - 1) * q)]);
    if (base[k]! < 0) {
      blockOfKey[k] = blockSizes.push(t) - 1;
      ranks.forEach((rank, r) => wanted.set([blockOfKey[k]!, rank], stride * k + 2 * r));
      continue;
    }
    ranks.forEach((rank, r) => { // not in order: ceil(rank of 0.5) may pass floor(rank of 0.95)
      let slot = base[k]!;
      let below = 0;
      while (below + counts[slot]! <= rank) below += counts[slot++]!;
      if (blockOfSlot[slot] === -1) blockOfSlot[slot] = blockSizes.push(counts[slot]!) - 1;
      wanted.set([blockOfSlot[slot]!, rank - below], stride * k + 2 * r);
    });
  }
  const starts = new Int32Array(blockSizes.length + 1);
  blockSizes.forEach((length, b) => (starts[b + 1] = starts[b]! + length));
  const gathered = gather(records, base, low, blockOfSlot, blockOfKey, starts);
  const out = new Float64Array(qs.length * timed.length).fill(NaN);
  for (const k of keys) {
    const t = timed[k]!;
    if (t === 0) continue;
    const value = (r: number) => {
      const block = wanted[stride * k + 2 * r]!;
      return selectRank(gathered.subarray(starts[block]!, starts[block + 1]!), wanted[stride * k + 2 * r + 1]!);
    };
    qs.forEach((q, j) => {
      const rank = (t - 1) * q;
      const a = value(2 * j);
      const b = value(2 * j + 1);
      out[k * qs.length + j] = a + (b - a) * (rank - Math.floor(rank)); // -0 comes out as 0
    });
  }
  return out;
}

// Each pass over the records is a function of its own: V8 compiles each once.

/** Each dense key's durations counted by bucket, at `base[key] + bucket - low[key]`. */
function countBuckets(records: Records, base: Int32Array, low: Int32Array, slots: number): Int32Array {
  const { duration, words, keyColumn, positions } = records;
  const counts = new Int32Array(slots);
  const n = positions === undefined ? records.size : positions.length;
  for (let j = 0; j < n; j++) {
    const i = positions === undefined ? j : positions[j]!;
    const k = keyColumn[i]!;
    const b = base[k]!;
    if (b >= 0 && !Number.isNaN(duration[i]!)) counts[b + bucketOf(words[2 * i + HIGH_WORD]!) - low[k]!]!++;
  }
  return counts;
}

/** The durations of every block, block b's at `[starts[b], starts[b + 1])`, in record order. */
function gather(
  records: Records,
  base: Int32Array,
  low: Int32Array,
  blockOfSlot: Int32Array,
  blockOfKey: Int32Array,
  starts: Int32Array,
): Float64Array {
  const { duration, words, keyColumn, positions } = records;
  const fill = starts.slice(0, starts.length - 1);
  const gathered = new Float64Array(starts[starts.length - 1]!);
  const n = positions === undefined ? records.size : positions.length;
  for (let j = 0; j < n; j++) {
    const i = positions === undefined ? j : positions[j]!;
    const d = duration[i]!;
    if (Number.isNaN(d)) continue;
    const k = keyColumn[i]!;
    const b = base[k]!;
    const block = b < 0 ? blockOfKey[k]! : blockOfSlot[b + bucketOf(words[2 * i + HIGH_WORD]!) - low[k]!]!;
    if (block >= 0) gathered[fill[block]!++] = d;
  }
  return gathered;
}
