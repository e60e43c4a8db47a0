/**
 * The q-quantile of `values` (no NaN), interpolated linearly between ranks (numpy's
 * default), without sorting: reorders `values` so that the ranks it needs are in place,
 * in linear time.
 */
export function selectQuantile(values: Float64Array, q: number): number | null {
  return selectQuantiles(values, [q])[0]!;
}

/**
 * The quantiles `qs` (ascending) of `values`, as {@link selectQuantile}: each selection
 * leaves the higher ranks above the rank it placed, so the next one looks only there.
 */
export function selectQuantiles(values: Float64Array, qs: readonly number[]): Array<number | null> {
  const n = values.length;
  if (n === 0) return qs.map(() => null);
  let from = 0;
  return qs.map((q) => {
    const rank = (n - 1) * q;
    const lo = Math.floor(rank);
    const a = selectRank(values, lo, from);
    from = lo;
    let b = a;
    if (lo < Math.ceil(rank)) {
      b = Infinity; // the next rank: the least value after lo, which selection left unordered
      for (let i = lo + 1; i < n; i++) if (values[i]! < b) b = values[i]!;
    }
    return a + (b - a) * (rank - lo); // also when lo is the rank: -0 comes out as 0, as it did
  });
}

/**
 * Reorders `values` so that `values[k]` is the value of rank k, none before it greater
 * and none after it less (Hoare's selection, median of three; after too many rounds
 * the rest is sorted, so it never goes quadratic). Returns `values[k]`. With `from`
 * (at most k), no value before `from` is greater than any from there on, as a selection
 * of rank `from` leaves them: only the rest is looked at.
 */
export function selectRank(values: Float64Array, k: number, from = 0): number {
  let left = from;
  let right = values.length - 1;
  let rounds = 2 * Math.ceil(Math.log2(values.length + 1)) + 8;
  while (right > left) {
    if (rounds-- === 0) {
      values.subarray(left, right + 1).sort();
      break;
    }
    const mid = (left + right) >>> 1;
    if (values[mid]! < values[left]!) swap(values, mid, left);
    if (values[right]! < values[left]!) swap(values, right, left);
    if (values[right]! < values[mid]!) swap(values, right, mid);
    const pivot = values[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break; // between j and i every value equals the pivot
  }
  return values[k]!;
}

function swap(values: Float64Array, i: number, j: number): void {
  const t = values[i]!;
  values[i] = values[j]!;
  values[j] = t;
}
