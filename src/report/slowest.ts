import type { ExecutionRegistry } from "../query/registry.ts";

/** The positions of the `n` longest executions, longest first (earlier first on ties). */
export function slowestPositions(registry: ExecutionRegistry, positions: Uint32Array, n: number): number[] {
  const duration = registry.columns.duration;
  // A sorted window of at most n: one pass, no copy of every duration.
  const top: number[] = [];
  if (n <= 0) return top;
  for (let j = 0; j < positions.length; j++) {
    const pos = positions[j]!;
    const d = duration[pos]!;
    if (Number.isNaN(d)) continue;
    if (top.length === n && d <= duration[top[n - 1]!]!) continue;
    let k = top.length === n ? n - 1 : top.length;
    while (k > 0 && duration[top[k - 1]!]! < d) {
      top[k] = top[k - 1]!;
      k--;
    }
    top[k] = pos;
  }
  return top;
}
