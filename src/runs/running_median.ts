/**
 * The median of every prefix of a series, in O(n log n) with two heaps (the lower half
 * in a max-heap, the upper half in a min-heap): `out[k]` is the median of
 * `values[0..k)`, `out[0]` NaN. The median of an even count is the mean of the two
 * middle values, the same double as sorting and taking them would give.
 */
export function prefixMedians(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length + 1);
  out[0] = NaN;
  const low = new Heap((a, b) => a > b);
  const high = new Heap((a, b) => a < b);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (low.size === 0 || v <= low.top()) low.push(v);
    else high.push(v);
    // Keep low as large as high, or one larger.
    if (low.size > high.size + 1) high.push(low.pop());
    else if (high.size > low.size) low.push(high.pop());
    out[i + 1] = low.size > high.size ? low.top() : (low.top() + high.top()) / 2;
  }
  return out;
}

/** A binary heap of numbers; `above(a, b)`: a belongs nearer the top than b. */
class Heap {
  private readonly items: number[] = [];
  private readonly above: (a: number, b: number) => boolean;
  constructor(above: (a: number, b: number) => boolean) {
    this.above = above;
  }
  get size(): number {
    return this.items.length;
  }
  top(): number {
    return this.items[0]!;
  }
  push(value: number): void {
    const items = this.items;
    let at = items.length;
    items.push(value);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.above(items[at]!, items[parent]!)) break;
      [items[at], items[parent]] = [items[parent]!, items[at]!];
      at = parent;
    }
  }
  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length === 0) return top;
    items[0] = last;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let best = at;
      if (left < items.length && this.above(items[left]!, items[best]!)) best = left;
      if (right < items.length && this.above(items[right]!, items[best]!)) best = right;
      if (best === at) return top;
      [items[at], items[best]] = [items[best]!, items[at]!];
      at = best;
    }
  }
}
