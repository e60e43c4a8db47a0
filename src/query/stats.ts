/**
 * Reorders `values` so that `values[k]` is the value of rank k, none before it greater
 * and none after it less (Hoare's selection, median of three; after too many rounds
 * the rest is sorted, so it never goes quadratic). Returns `values[k]`.
 */
export function selectRank(values: Float64Array, k: number): number {
  let left = 0;
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
